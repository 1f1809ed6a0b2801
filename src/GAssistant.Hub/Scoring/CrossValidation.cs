namespace GAssistant.Hub.Scoring;

/// <summary>
/// Stratified k-fold cross-validation of the model and of Odoo's PLS on the same folds: each fold is
/// scored by a model and a baseline fitted on the other folds only, after the leakage screen of those
/// training folds. Metrics are over all out-of-fold predictions, so each lead is scored exactly once.
/// </summary>
public sealed class CrossValidation
{
    public const int DefaultFolds = 5;
    public const int DefaultSeed = 42;

    public sealed record Fold(int Number, ScoringMetrics Model, ScoringMetrics Baseline);

    public sealed record Result(
        IReadOnlyList<Fold> Folds,
        ScoringMetrics Model,
        ScoringMetrics Baseline,
        IReadOnlyList<CalibrationBin> ModelCalibration,
        IReadOnlyList<CalibrationBin> BaselineCalibration,
        IReadOnlyList<LeakageGuard.Refusal> Refused);

    /// <param name="teamColumn">The column the baseline treats as Odoo's team, if any.</param>
    public static Result Run(ScoringDataset data, int folds = DefaultFolds, int seed = DefaultSeed, string? teamColumn = null)
    {
        var won = data.Rows.Select(r => r.Won).ToList();
        var assignment = Folds.Stratified(won, folds, seed);
        var model = new double[data.Rows.Count];
        var baseline = new double[data.Rows.Count];
        var perFold = new List<Fold>();
        var refused = new Dictionary<string, LeakageGuard.Refusal>(StringComparer.Ordinal);
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var training = data.Subset(i => assignment[i] != fold);
            var test = data.Subset(i => assignment[i] == fold);
            var leaks = LeakageGuard.Screen(training);
            foreach (var leak in leaks)
            {
                refused[leak.Column] = refused.TryGetValue(leak.Column, out var seen) && seen.Auc > leak.Auc ? seen : leak;
            }

            var names = leaks.Select(l => l.Column).ToHashSet(StringComparer.Ordinal);
            training = training.Without(names);
            test = test.Without(names);

            var scores = LeadScoringModel.Train(training).Predict(test.Columns, test.Rows.Select(r => r.Values).ToList());
            var pls = OdooBaseline.Fit(training, teamColumn);
            var testIndexes = Enumerable.Range(0, data.Rows.Count).Where(i => assignment[i] == fold).ToList();
            for (var k = 0; k < testIndexes.Count; k++)
            {
                model[testIndexes[k]] = scores[k].Probability;
                baseline[testIndexes[k]] = pls.Predict(test.Rows[k].Values);
            }

            var testWon = test.Rows.Select(r => r.Won).ToList();
            perFold.Add(new Fold(fold + 1,
                ScoringMetrics.Of(testIndexes.Select(i => model[i]).ToList(), testWon),
                ScoringMetrics.Of(testIndexes.Select(i => baseline[i]).ToList(), testWon)));
        }

        return new Result(
            perFold,
            ScoringMetrics.Of(model, won),
            ScoringMetrics.Of(baseline, won),
            CalibrationBin.Table(model, won),
            CalibrationBin.Table(baseline, won),
            refused.Values.OrderBy(r => r.Column, StringComparer.Ordinal).ToList());
    }
}
