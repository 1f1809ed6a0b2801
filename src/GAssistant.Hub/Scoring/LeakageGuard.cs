namespace GAssistant.Hub.Scoring;

/// <summary>
/// Refuses features that give the outcome away. A column filled in only after a lead is closed (a "won
/// reason", a final stage, a status tag) separates won from lost almost perfectly on its own; a real
/// early signal never does. Each column is scored alone on the training rows: a number by its raw value,
/// a category by the win rate of its value in the other parts of the training rows (cross-fitted, so an
/// identifier that is unique per lead scores nothing). A single-feature ROC AUC of 0.99 or more is refused.
/// </summary>
public static class LeakageGuard
{
    public const double MaxSingleFeatureAuc = 0.99;
    private const int InnerFolds = 5;

    /// <summary>A refused column and why.</summary>
    public sealed record Refusal(string Column, double Auc)
    {
        public string Message =>
            $"refused column '{Column}': on its own it predicts the outcome with AUC {Auc.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)} (>= {MaxSingleFeatureAuc.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}) on the training folds, so it is filled in after the outcome (leakage); excluded.";
    }

    public static IReadOnlyList<Refusal> Screen(ScoringDataset training)
    {
        var won = training.Rows.Select(r => r.Won).ToList();
        var folds = Folds.Stratified(won, InnerFolds, seed: 7);
        var refusals = new List<Refusal>();
        for (var c = 0; c < training.Columns.Count; c++)
        {
            var scores = training.Columns[c].Kind == ColumnKind.Number
                ? training.Rows.Select(r => ScoringDataset.ParseNumber(r.Values[c]) is var v && double.IsNaN(v) ? double.MinValue : v).ToList()
                : CrossFittedWinRates(training, c, folds);
            var auc = ScoringMetrics.RocAuc(scores, won);
            auc = Math.Max(auc, 1 - auc);
            if (auc >= MaxSingleFeatureAuc)
            {
                refusals.Add(new Refusal(training.Columns[c].Name, auc));
            }
        }

        return refusals;
    }

    private static List<double> CrossFittedWinRates(ScoringDataset training, int column, int[] folds)
    {
        var prior = training.Rows.Count(r => r.Won) / (double)training.Rows.Count;
        var scores = new double[training.Rows.Count];
        for (var f = 0; f < InnerFolds; f++)
        {
            var counts = new Dictionary<string, (int Won, int All)>(StringComparer.Ordinal);
            for (var i = 0; i < training.Rows.Count; i++)
            {
                if (folds[i] != f)
                {
                    var key = training.Rows[i].Values[column] ?? "\0missing";
                    var (w, a) = counts.GetValueOrDefault(key);
                    counts[key] = (w + (training.Rows[i].Won ? 1 : 0), a + 1);
                }
            }

            for (var i = 0; i < training.Rows.Count; i++)
            {
                if (folds[i] == f)
                {
                    var (w, a) = counts.GetValueOrDefault(training.Rows[i].Values[column] ?? "\0missing");
                    scores[i] = (w + prior) / (a + 1.0);
                }
            }
        }

        return [.. scores];
    }
}

/// <summary>Deterministic stratified folds: each fold gets its share of won and of lost leads.</summary>
public static class Folds
{
    public static int[] Stratified(IReadOnlyList<bool> won, int folds, int seed)
    {
        var random = new Random(seed);
        var assignment = new int[won.Count];
        foreach (var outcome in new[] { true, false })
        {
            var members = Enumerable.Range(0, won.Count).Where(i => won[i] == outcome).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assignment[members[k]] = k % folds;
            }
        }

        return assignment;
    }
}
