using GAssistant.Hub.Scoring;

namespace GAssistant.Hub.Tests.Scoring;

public sealed class LeadScoringModelTests
{
    private static ScoringDataset Leads(int rows, int seed = 1, bool leak = false) =>
        CsvLeadTable.Read(new StringReader(SyntheticLeads.Csv(rows, seed, leak)), "Converted", ["Lead Id"]).Data;

    [Fact]
    public void The_same_model_scores_the_same_lead_the_same_even_after_saving_and_loading()
    {
        var data = Leads(300);
        var model = LeadScoringModel.Train(data);
        string?[] lead = ["Referral", "SA", "yes", "5000", "Interested"];

        var first = model.Predict(data.Columns, [lead])[0];
        var again = model.Predict(data.Columns, [lead])[0];
        var reloaded = LeadScoringModel.FromBytes(model.ToBytes()).Predict(data.Columns, [lead])[0];
        var retrained = LeadScoringModel.Train(data).Predict(data.Columns, [lead])[0];

        Assert.Equal(first.Probability, again.Probability);
        Assert.Equal(first.Reasons, again.Reasons);
        Assert.Equal(first.Probability, reloaded.Probability);
        Assert.Equal(first.Reasons, reloaded.Reasons);
        Assert.Equal(first.Probability, retrained.Probability);
    }

    [Fact]
    public void A_strong_lead_scores_above_a_weak_one_and_its_reasons_name_the_features_that_matter()
    {
        var data = Leads(400);
        var model = LeadScoringModel.Train(data);

        var scores = model.Predict(data.Columns, [["Referral", "SA", "yes", "9000", null], ["Facebook", "SA", "no", "100", null]]);

        Assert.True(scores[0].Score > scores[1].Score + 20, $"strong {scores[0].Score}, weak {scores[1].Score}");
        Assert.InRange(scores[0].Score, 0, 100);
        Assert.Contains(scores[0].Reasons, r => r.Feature == "Source" && r.Value == "Referral" && r.Effect > 0);
        Assert.Contains(scores[1].Reasons, r => r.Feature == "Email Valid" && r.Value == "no" && r.Effect < 0);
        Assert.True(scores[0].Reasons.Count <= LeadScoringModel.ReasonCount);
    }

    [Fact]
    public void A_column_that_is_the_outcome_is_refused_by_name()
    {
        var refusals = LeakageGuard.Screen(Leads(200, leak: true));

        var refusal = Assert.Single(refusals);
        Assert.Equal("Stage At Close", refusal.Column);
        Assert.Contains("refused column 'Stage At Close'", refusal.Message);
        Assert.Contains("leakage", refusal.Message);
    }

    [Fact]
    public void An_identifier_unique_to_each_lead_is_not_mistaken_for_leakage()
    {
        var data = CsvLeadTable.Read(new StringReader(SyntheticLeads.Csv(200)), "Converted", []).Data;

        Assert.Empty(LeakageGuard.Screen(data));
    }

    [Theory]
    [InlineData(49, 25, "Too few closed leads to train: 49")]
    [InlineData(60, 9, "Too few won leads to train: 9 won, 51 lost")]
    [InlineData(60, 51, "Too few lost leads to train: 51 won, 9 lost")]
    public void Training_on_too_little_data_is_refused_with_the_reason(int closed, int won, string reason)
    {
        var refusal = TrainingGate.Refusal(won, closed - won);

        Assert.NotNull(refusal);
        Assert.StartsWith(reason, refusal);
    }

    [Fact]
    public void Fifty_closed_leads_with_ten_of_each_outcome_are_enough()
    {
        Assert.Null(TrainingGate.Refusal(10, 40));
    }
}
