using System.ComponentModel.DataAnnotations;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>
/// /crm's funnel with worked numbers, November 2026. Six real leads: Facebook/Ramadan (Meta lead of campaign c1) — 1 a
/// lead in New, 2 an opportunity in Qualified, 3 an opportunity won after 10 days; Facebook/Summer — 4 still of type
/// lead but won after 20 days (UTM "Summer" names Meta campaign c2); Website without campaign — 5 an opportunity in
/// Proposition at 60 %, 6 a lost lead in Proposition. A test lead, a deleted lead and an October lead are left out. Meta
/// spent 600 on c1, 400 on c2 and 200 on c3 (no leads) in November, and 1,000 on c1 in October.
/// </summary>
public abstract class LeadFunnelTests(HubProvider provider) : HubTest(provider)
{
    private static readonly LeadFilter November = new()
    {
        From = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), To = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public async Task Opportunities_and_won_leads_are_qualified_with_conversions_costs_and_median_days_to_win()
    {
        await SeedAsync();

        var funnel = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November, new FunnelOptions(), CancellationToken.None));

        // Qualified: 2, 3, 5 (opportunities) and 4 (won, though a lead). Spend: every campaign of November, 1,200 SAR.
        Assert.Equal(new FunnelRow("", 6, 4, 2, 66.67m, 50m, 33.33m, 1200m, "SAR", 200m, 300m, 600m, 15.0), funnel.Overall);
        Assert.Equal(
            [
                new FunnelRow("Facebook", 4, 3, 2, 75m, 66.67m, 50m, 1000m, "SAR", 250m, 333.33m, 500m, 15.0),
                new FunnelRow("Website", 2, 1, 0, 50m, 0m, 0m, null, null, null, null, null, null),
            ],
            funnel.BySource);
        Assert.Equal(
            [
                new FunnelRow("Ramadan", 3, 2, 1, 66.67m, 50m, 33.33m, 600m, "SAR", 200m, 300m, 600m, 10.0),
                new FunnelRow("", 2, 1, 0, 50m, 0m, 0m, null, null, null, null, null, null),
                new FunnelRow("Summer", 1, 1, 1, 100m, 100m, 100m, 400m, "SAR", 400m, 400m, 400m, 20.0),
            ],
            funnel.ByCampaign);
    }

    [Fact]
    public async Task A_narrowed_filter_counts_the_spend_of_its_leads_campaigns_only()
    {
        await SeedAsync();

        var facebook = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November with { Source = "Facebook" }, new FunnelOptions(), CancellationToken.None));
        var ramadan = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November with { Campaign = "Ramadan" }, new FunnelOptions(), CancellationToken.None));
        var none = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November with { Source = "Nobody" }, new FunnelOptions(), CancellationToken.None));

        Assert.Equal((4, 1000m, 250m), (facebook.Overall.Leads, facebook.Overall.Spend, facebook.Overall.CostPerLead));
        Assert.Equal((3, 600m, 600m), (ramadan.Overall.Leads, ramadan.Overall.Spend, ramadan.Overall.CostPerWon));
        Assert.Equal(new FunnelRow("", 0, 0, 0, null, null, null, null, null, null, null, null, null), none.Overall);
        Assert.Empty(none.BySource);
    }

    [Fact]
    public async Task Qualified_can_be_a_stage_or_later_or_a_minimum_probability()
    {
        await SeedAsync();

        // Qualified (sequence 2) or later: 2, 5 and 6 (Proposition), 3 and 4 (won).
        var byStage = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November, new FunnelOptions { QualifiedStage = "Qualified" }, CancellationToken.None));
        Assert.Equal((6, 5, 2, 83.33m, 40m, 240m), (byStage.Overall.Leads, byStage.Overall.Qualified, byStage.Overall.Won,
            byStage.Overall.QualifiedRate, byStage.Overall.WonOfQualifiedRate, byStage.Overall.CostPerQualified));

        // At least 50 %: 5 (60 %), and 3 and 4 (won).
        var byProbability = await Hub.WithDbAsync(db => LeadFunnel.LoadAsync(db, November, new FunnelOptions { QualifiedMinProbability = 50 }, CancellationToken.None));
        Assert.Equal((3, 50m, 66.67m, 400m), (byProbability.Overall.Qualified, byProbability.Overall.QualifiedRate,
            byProbability.Overall.WonOfQualifiedRate, byProbability.Overall.CostPerQualified));
    }

    private Task<int> SeedAsync() => Hub.WithDbAsync(db =>
    {
        db.CrmStages.AddRange(Stage(1, "New", 1), Stage(2, "Qualified", 2), Stage(3, "Proposition", 3), Stage(4, "Won", 4, won: true));
        db.MetaCampaigns.AddRange(Campaign("c1", "Ramadan"), Campaign("c2", "Summer"), Campaign("c3", "Brand"));
        db.MetaDailyInsights.AddRange(Spend("c1", 11, 5, 300m), Spend("c1", 11, 20, 300m), Spend("c1", 10, 30, 1000m),
            Spend("c2", 11, 10, 400m), Spend("c3", 11, 3, 200m));
        db.Leads.AddRange(
            Lead(1, "Facebook", "Ramadan", "lead", 1, 2, 10),
            Lead(2, "Facebook", "Ramadan", "opportunity", 2, 3, 20),
            Won(Lead(3, "Facebook", "Ramadan", "opportunity", 4, 4, 100), days: 10),
            Won(Lead(4, "Facebook", "Summer", "lead", 4, 10, 100), days: 20),
            Lead(5, null, null, "opportunity", 3, 12, 60),
            Lost(Lead(6, null, null, "lead", 3, 15, 0)),
            Test(Won(Lead(7, "Facebook", "Ramadan", "opportunity", 4, 16, 100), days: 1)),
            Deleted(Lead(8, "Facebook", "Ramadan", "opportunity", 2, 17, 30)),
            Won(Lead(9, "Facebook", "Ramadan", "opportunity", 4, -10, 100), days: 2));
        db.MetaLeadLinks.AddRange(Link("m1", 1, "c1"), Link("m2", 2, "c1"), Link("m3", 3, "c1"), Link("m7", 7, "c1"));
        return db.SaveChangesAsync();
    });

    private static CrmStage Stage(long id, string name, int sequence, bool won = false) =>
        new() { OdooId = id, Name = name, Sequence = sequence, IsWon = won, SyncedAt = Created(0) };

    private static MetaCampaign Campaign(string id, string name) =>
        new() { Id = id, AdAccountId = "act_1", Name = name, Currency = "SAR", SyncedAt = Created(0) };

    private static MetaDailyInsight Spend(string campaign, int month, int day, decimal spend) =>
        new() { CampaignId = campaign, AdAccountId = "act_1", Date = new DateOnly(2026, month, day), Spend = spend, Currency = "SAR", SyncedAt = Created(0) };

    private static MetaLeadLink Link(string leadgen, long lead, string campaign) =>
        new() { LeadgenId = leadgen, OdooLeadId = lead, CampaignId = campaign, CampaignName = campaign, LinkedAt = Created(0) };

    /// <summary>A lead created on the given day of November 2026 at 10:00 (a negative day: that many days before November).</summary>
    private static Lead Lead(long id, string? source, string? campaign, string type, long stage, int day, double probability) => new()
    {
        OdooId = id, Name = $"lead {id}", Source = source ?? "Website", Campaign = campaign, Type = type, StageId = stage,
        StageName = stage switch { 1 => "New", 2 => "Qualified", 3 => "Proposition", _ => "Won" }, Probability = probability,
        ExpectedRevenue = 1000m * id, Currency = "SAR", CreateDate = Created(day), SourceVersion = Created(day), SyncedAt = Created(day),
    };

    private static DateTime Created(int day) => new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc).AddDays(day - 1);

    private static Lead Won(Lead lead, int days)
    {
        lead.IsWon = true;
        lead.DateClosed = lead.CreateDate!.Value.AddDays(days);
        return lead;
    }

    private static Lead Lost(Lead lead)
    {
        lead.IsLost = true;
        lead.Active = false;
        return lead;
    }

    private static Lead Test(Lead lead)
    {
        lead.IsTest = true;
        return lead;
    }

    private static Lead Deleted(Lead lead)
    {
        lead.Deleted = true;
        return lead;
    }
}

public sealed class LeadFunnelTestsOnSqlite() : LeadFunnelTests(HubProvider.Sqlite);

public sealed class LeadFunnelTestsOnPostgres() : LeadFunnelTests(HubProvider.Postgres);

public sealed class FunnelOptionsTests
{
    [Fact]
    public void A_stage_and_a_probability_together_are_refused_and_a_probability_must_be_0_to_100()
    {
        Assert.Empty(Errors(new FunnelOptions()));
        Assert.Empty(Errors(new FunnelOptions { QualifiedStage = "Qualified" }));
        Assert.Contains(Errors(new FunnelOptions { QualifiedStage = "Qualified", QualifiedMinProbability = 50 }), e => e.Contains("set only one", StringComparison.Ordinal));
        Assert.NotEmpty(Errors(new FunnelOptions { QualifiedMinProbability = 150 }));
    }

    [Fact]
    public async Task The_hub_does_not_start_with_both_rules()
    {
        await using var hub = await HubFactory.CreateAsync(HubProvider.Sqlite,
            new Dictionary<string, string?> { ["Funnel:QualifiedStage"] = "Qualified", ["Funnel:QualifiedMinProbability"] = "50" });

        var error = Assert.ThrowsAny<Exception>(() => hub.Server);
        Assert.Contains("Funnel:QualifiedStage 'Qualified' and Funnel:QualifiedMinProbability 50 are both set", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_median_is_the_mean_of_the_middle_two_of_an_even_count()
    {
        Assert.Null(LeadFunnel.MedianDays([]));
        Assert.Equal(7.0, LeadFunnel.MedianDays([(7, 1)]));
        Assert.Equal(15.0, LeadFunnel.MedianDays([(20, 1), (10, 1)]));
        Assert.Equal(2.5, LeadFunnel.MedianDays([(1, 1), (2, 1), (3, 1), (40, 1)]));
        // Counted leads: 1 day for three, 9 days for two; the third of five is the median.
        Assert.Equal(1.0, LeadFunnel.MedianDays([(9, 2), (1, 3)]));
        Assert.Equal(5.0, LeadFunnel.MedianDays([(9, 2), (1, 2)]));
    }

    private static List<string> Errors(FunnelOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
