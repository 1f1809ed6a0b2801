using GAssistant.Hub.Scoring;

namespace GAssistant.Hub.Tests.Scoring;

public sealed class ScoringMetricsTests
{
    [Fact]
    public void Auc_counts_the_won_lost_pairs_ranked_right_with_ties_as_half()
    {
        // Won at 0.9 and 0.4, lost at 0.4 and 0.1: pairs (0.9>0.4) (0.9>0.1) (0.4=0.4 half) (0.4>0.1) = 3.5 of 4.
        var auc = ScoringMetrics.RocAuc([0.9, 0.4, 0.4, 0.1], [true, true, false, false]);

        Assert.Equal(0.875, auc, 12);
    }

    [Fact]
    public void Log_loss_and_accuracy_follow_their_definitions()
    {
        var m = ScoringMetrics.Of([0.8, 0.3], [true, true]);

        Assert.Equal((-Math.Log(0.8) - Math.Log(0.3)) / 2, m.LogLoss, 12);
        Assert.Equal(0.5, m.Accuracy);
    }
}
