namespace GAssistant.Hub.Scoring;

/// <summary>ROC AUC, log loss and accuracy of predicted probabilities against outcomes.</summary>
public sealed record ScoringMetrics(double Auc, double LogLoss, double Accuracy, int Leads)
{
    private const double Epsilon = 1e-15;

    public static ScoringMetrics Of(IReadOnlyList<double> probabilities, IReadOnlyList<bool> won) => new(
        RocAuc(probabilities, won),
        probabilities.Select((p, i) => -Math.Log(won[i] ? Math.Clamp(p, Epsilon, 1) : Math.Clamp(1 - p, Epsilon, 1))).Average(),
        probabilities.Select((p, i) => p >= 0.5 == won[i] ? 1.0 : 0.0).Average(),
        probabilities.Count);

    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the chance that a won lead is scored above a
    /// lost one, ties counting half (average ranks).
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> won)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumWon = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]].Equals(scores[order[i]]))
            {
                j++;
            }

            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (won[order[k]])
                {
                    rankSumWon += averageRank;
                }
            }

            i = j + 1;
        }

        double positives = won.Count(w => w), negatives = won.Count - positives;
        return positives == 0 || negatives == 0 ? 0.5 : (rankSumWon - positives * (positives + 1) / 2) / (positives * negatives);
    }
}

/// <summary>One band of predicted probability: how many leads fell in it, what was predicted, what happened.</summary>
public sealed record CalibrationBin(double From, double To, int Leads, double MeanPredicted, double ObservedWonRate)
{
    public static IReadOnlyList<CalibrationBin> Table(IReadOnlyList<double> probabilities, IReadOnlyList<bool> won, int bins = 10) =>
        Enumerable.Range(0, bins).Select(b =>
        {
            var members = Enumerable.Range(0, probabilities.Count).Where(i => Math.Min((int)(probabilities[i] * bins), bins - 1) == b).ToList();
            return new CalibrationBin(
                (double)b / bins, (double)(b + 1) / bins, members.Count,
                members.Count == 0 ? 0 : members.Average(i => probabilities[i]),
                members.Count == 0 ? 0 : members.Average(i => won[i] ? 1.0 : 0.0));
        }).ToList();
}
