using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>Leads at the door per campaign: repeats, existing customers and phones to check, test leads left out.</summary>
public abstract class LeadQualityTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Day = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    private static MetaLeadLink Link(string id, string? campaign, bool repeat = false, long? partner = null, PhoneProblem phone = PhoneProblem.None,
        TestLeadStatus test = TestLeadStatus.None, DateTime? at = null) => new()
    {
        LeadgenId = id, OdooLeadId = 1, CampaignName = campaign, IsRepeat = repeat, KnownPartnerId = partner, PhoneProblem = phone,
        TestStatus = test, CreatedTime = at ?? Day, LinkedAt = at ?? Day,
    };

    [Fact]
    public async Task Each_campaign_counts_its_repeats_existing_customers_and_phones_to_check()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.AddRange(
                Link("1", "Ramadan Offer"), Link("2", "Ramadan Offer", repeat: true, partner: 50), Link("3", "Ramadan Offer", partner: 51),
                Link("4", "Ramadan Offer", phone: PhoneProblem.NoCountry), Link("5", "عرض العيد", partner: 52), Link("6", null, phone: PhoneProblem.NotANumber),
                Link("7", "Ramadan Offer", partner: 50, test: TestLeadStatus.FromMeta), Link("8", "Ramadan Offer", partner: 50, at: Day.AddDays(-30)),
                Link("9", "عرض العيد", test: TestLeadStatus.ClearedByAdmin));
            return db.SaveChangesAsync();
        });

        var rows = await Hub.WithDbAsync(db => LeadQuality.PerCampaignAsync(db, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), default));

        Assert.Equal(
            [new LeadQualityRow("Ramadan Offer", 4, 1, 2, 1), new LeadQualityRow("عرض العيد", 2, 0, 1, 0), new LeadQualityRow("", 1, 0, 0, 1)],
            rows);
        Assert.Equal(50m, rows[0].KnownShare);
    }
}

public sealed class LeadQualityTestsOnSqlite() : LeadQualityTests(HubProvider.Sqlite);

public sealed class LeadQualityTestsOnPostgres() : LeadQualityTests(HubProvider.Postgres);
