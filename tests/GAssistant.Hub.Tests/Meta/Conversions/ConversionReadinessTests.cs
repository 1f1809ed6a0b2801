using GAssistant.Hub.Data;
using GAssistant.Hub.Meta.Conversions;

namespace GAssistant.Hub.Tests.Meta.Conversions;

/// <summary>
/// Issue 22 item 5: the Conversion Leads readiness of /campaigns, beside Meta's guidelines
/// (https://developers.facebook.com/documentation/ads-commerce/conversions-api/conversion-leads-integration/faq: upload at
/// least once a day, the optimised stage within 28 days at about 1–40 %, lead_id or PII, every lead's raw event).
/// </summary>
public abstract class ConversionReadinessTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);

    private static DateTime At(int month, int day) => new(2026, month, day, 9, 0, 0, DateTimeKind.Utc);

    private static MetaLeadLink Link(long lead, DateTime created, TestLeadStatus status = TestLeadStatus.None) => new()
    {
        LeadgenId = $"lg{lead}", OdooLeadId = lead, CampaignId = "c1", CreatedTime = created, LinkedAt = created, TestStatus = status,
    };

    // Not pending, so the outbox worker leaves them as they are.
    private static OutboxMessage Event(long lead, string stage, DateTime at, OutboxStatus status = OutboxStatus.Sent) => new()
    {
        Kind = CrmStageEvent.Kind, DedupKey = $"{lead}|stage|{stage}", Payload = "{}", CreatedAt = at, Status = status, Attempts = 1,
        NextAttemptAt = at, ProcessedAt = at,
    };

    // November's Meta leads: L1 (1st), L2 (2nd), L3 (3rd), L4 (5th) are 28 days old by 4 December noon (mature); L5 (20th) is
    // not; L6 is a test lead and L7 October's. L9 came from an opted-in source, without a Meta link.
    //  New: L1, L2, L3 (refused by Meta, but the hub saw the stage) of the 4 mature → 75.0 %, above Meta's 40 %; 5 events in November.
    //  Qualified: L1 on the 10th (within 28 days), L2 on 1 December (29 days: too late) → 1 of 4 = 25.0 %, in range; 1 event in November.
    //  Won: L1 on 3 December, 32 days after → 0 of 4, 0.0 %; no event in November.
    //  Sent in November: L1 New, L1 Qualified, L2 New, L5 New, L9 New; 4 of the 5 carry a lead id (80.0 %). L1, L2, L3, L5 of the
    //  5 November leads have an event (80.0 %). Received by Meta in the last 7 days: 1 and 3 December → 2 of 7.
    [Fact]
    public async Task Readiness_counts_each_stage_within_28_days_of_the_lead_and_the_days_meta_received_events()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.AddRange(Link(1, At(11, 1)), Link(2, At(11, 2)), Link(3, At(11, 3)), Link(4, At(11, 5)), Link(5, At(11, 20)),
                Link(6, At(11, 2), TestLeadStatus.FromMeta), Link(7, At(10, 20)));
            db.OutboxMessages.AddRange(
                Event(1, "New", At(11, 1)), Event(1, "Qualified", At(11, 10)), Event(1, "Won", At(12, 3)),
                Event(2, "New", At(11, 2)), Event(2, "Qualified", At(12, 1)),
                Event(3, "New", At(11, 3), OutboxStatus.Failed),
                Event(5, "New", At(11, 20)), Event(9, "New", At(11, 15)), Event(6, "New", At(11, 2)).WithKind("odoo.lead_create"));
            return db.SaveChangesAsync();
        });

        var readiness = await Hub.WithDbAsync(db => ConversionReadiness.LoadAsync(db, pixelSet: true, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), Now,
            CancellationToken.None));

        Assert.Equal((5, 4), (readiness.MetaLeads, readiness.MatureLeads));
        Assert.Equal([("New", 5, 3, 75.0m, false), ("Qualified", 1, 1, 25.0m, true), ("Won", 0, 0, 0.0m, false)],
            readiness.Stages.Select(s => (s.Stage, s.Events, s.Reached, s.ReachedShare!.Value, s.InMetasRange)));
        Assert.True(readiness.HasStageInRange);
        Assert.Equal(
            [(new DateOnly(2026, 11, 1), 1, 1, 0), (new DateOnly(2026, 11, 2), 1, 1, 0), (new DateOnly(2026, 11, 3), 1, 0, 1), (new DateOnly(2026, 11, 10), 1, 1, 0),
             (new DateOnly(2026, 11, 15), 1, 1, 0), (new DateOnly(2026, 11, 20), 1, 1, 0)],
            readiness.Days.Select(d => (d.Day, d.Queued, d.Sent, d.Failed)));
        Assert.Equal(2, readiness.DaysWithUploadsOfLast7);
        Assert.False(readiness.DailyUploads);
        Assert.Equal((80.0m, 80.0m), (readiness.EventsWithLeadIdShare!.Value, readiness.LeadsWithEventShare!.Value));
        Assert.True(readiness.NativeLeads);
    }

    [Fact]
    public async Task A_period_younger_than_28_days_has_no_share_rather_than_a_falsely_low_one()
    {
        await Hub.WithDbAsync(db =>
        {
            db.MetaLeadLinks.Add(Link(1, At(11, 25)));
            db.OutboxMessages.Add(Event(1, "New", At(11, 25)));
            return db.SaveChangesAsync();
        });

        var readiness = await Hub.WithDbAsync(db => ConversionReadiness.LoadAsync(db, pixelSet: false, new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 4), Now,
            CancellationToken.None));

        Assert.Equal((1, 0), (readiness.MetaLeads, readiness.MatureLeads));
        Assert.Null(Assert.Single(readiness.Stages).ReachedShare);
        Assert.False(readiness.HasStageInRange);
        Assert.False(readiness.PixelSet);
    }
}

internal static class OutboxMessageTestExtensions
{
    public static OutboxMessage WithKind(this OutboxMessage message, string kind)
    {
        message.Kind = kind;
        return message;
    }
}

public sealed class ConversionReadinessTestsOnSqlite() : ConversionReadinessTests(HubProvider.Sqlite);

public sealed class ConversionReadinessTestsOnPostgres() : ConversionReadinessTests(HubProvider.Postgres);
