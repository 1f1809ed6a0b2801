using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Crm;

/// <summary>The /crm filter lists offer exactly the stages, sources and campaigns of leads that are not deleted, stages in pipeline order.</summary>
public abstract class LeadFilterListsTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Day = new(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc);

    private static Lead Lead(long id, string? stage, string? source, string? campaign) => new()
    {
        OdooId = id, Name = $"Lead {id}", StageName = stage, Source = source, Campaign = campaign, Currency = "SAR",
        CreateDate = id == 6 ? null : Day.AddDays(id), WriteDate = Day, SourceVersion = Day, SyncedAt = Day,
    };

    [Fact]
    public async Task The_lists_hold_the_values_of_leads_not_deleted_with_stages_in_pipeline_order()
    {
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(
                Lead(1, "Won", "Facebook", "رمضان"),
                Lead(2, "New", "Website", null),
                Lead(3, "Qualified", null, "Summer"),
                Lead(4, "Gone stage", "Gone source", "Gone campaign"),
                Lead(5, "Custom stage", "Referral", "Summer"),
                Lead(6, "New", "بحث جوجل", null));   // no creation date: still a lead the filters can find
            db.CrmStages.AddRange(
                new CrmStage { OdooId = 1, Name = "New", Sequence = 1, SyncedAt = Day },
                new CrmStage { OdooId = 2, Name = "Qualified", Sequence = 2, SyncedAt = Day },
                new CrmStage { OdooId = 4, Name = "Won", Sequence = 70, IsWon = true, SyncedAt = Day });
            return db.SaveChangesAsync();
        });
        await Hub.WithDbAsync(async db =>
        {
            var gone = await db.Leads.SingleAsync(l => l.OdooId == 4);
            gone.Deleted = true;                       // lead_deleted from Odoo
            return await db.SaveChangesAsync();
        });

        var options = await Hub.WithDbAsync(db => LeadFilterLists.LoadAsync(db, CancellationToken.None));

        Assert.Equal(["New", "Qualified", "Won", "Custom stage"], options.Stages);
        Assert.Equal(["Facebook", "Referral", "Website", "بحث جوجل"], options.Sources);
        Assert.Equal(["Summer", "رمضان"], options.Campaigns);
    }
}

public sealed class LeadFilterListsTestsOnSqlite() : LeadFilterListsTests(HubProvider.Sqlite);

public sealed class LeadFilterListsTestsOnPostgres() : LeadFilterListsTests(HubProvider.Postgres);
