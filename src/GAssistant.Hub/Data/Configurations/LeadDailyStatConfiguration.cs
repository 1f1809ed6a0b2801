using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class LeadDailyStatConfiguration : IEntityTypeConfiguration<LeadDailyStat>
{
    public void Configure(EntityTypeBuilder<LeadDailyStat> stat)
    {
        // Written only by the triggers on leads (migration LeadDailyStats, Data/Migrations); the key starts with the day for range reads.
        stat.ToTable("lead_daily_stats");
        stat.HasKey(s => new { s.Day, s.Stage, s.Source, s.Currency, s.IsWon, s.IsOpen });
        stat.Property(s => s.Stage).HasMaxLength(256);
        stat.Property(s => s.Source).HasMaxLength(256);
        stat.Property(s => s.Currency).HasMaxLength(8);

        // Sums of amounts each below OdooWebhookEvent.MaxAmount (1e15) times a probability up to 100: numeric(18,2) held
        // one such lead's weighted revenue no longer, and the trigger's failure refused the lead's whole event.
        stat.Property(s => s.Revenue).HasPrecision(28, 2);
        stat.Property(s => s.RevenueTimesProbability).HasPrecision(28, 2);
    }
}

internal sealed class LeadDailyCampaignStatConfiguration : IEntityTypeConfiguration<LeadDailyCampaignStat>
{
    public void Configure(EntityTypeBuilder<LeadDailyCampaignStat> stat)
    {
        stat.ToTable("lead_daily_campaign_stats");
        stat.HasKey(s => new { s.Day, s.Campaign, s.IsWon, s.IsOpen });
        stat.Property(s => s.Campaign).HasMaxLength(256);
        stat.Property(s => s.Revenue).HasPrecision(28, 2);

        // About 300 rows a day with 100 campaigns: summing a year by campaign reads this index in group order instead of
        // sorting 100,000 rows (48 -> 9 ms on SQLite, bench/dashboard-queries.sh "All time").
        stat.HasIndex(s => new { s.Campaign, s.IsWon, s.IsOpen, s.Day, s.Leads, s.Revenue }).HasDatabaseName("ix_lead_daily_campaign_stats_by_campaign");
    }
}

internal sealed class LeadDailyOutcomeConfiguration : IEntityTypeConfiguration<LeadDailyOutcome>
{
    public void Configure(EntityTypeBuilder<LeadDailyOutcome> outcome)
    {
        // Written only by the triggers on leads (migration LeadOutcomeRollups); the key starts with the day for range reads.
        outcome.ToTable("lead_daily_outcomes");
        outcome.HasKey(o => new { o.Day, o.GroupedBy, o.Grouping, o.StageId, o.Stage, o.Type, o.IsWon, o.WonDays });
        outcome.Property(o => o.Grouping).HasMaxLength(256);
        outcome.Property(o => o.Stage).HasMaxLength(256);
        outcome.Property(o => o.Type).HasMaxLength(16);
        outcome.Property(o => o.Revenue).HasPrecision(28, 2);

        // One campaign's or source's days (a cohort triangle of one campaign) without reading every other one's.
        outcome.HasIndex(o => new { o.GroupedBy, o.Grouping, o.Day }).HasDatabaseName("ix_lead_daily_outcomes_by_grouping");
    }
}

internal sealed class LeadDailyMetaCampaignConfiguration : IEntityTypeConfiguration<LeadDailyMetaCampaign>
{
    public void Configure(EntityTypeBuilder<LeadDailyMetaCampaign> row)
    {
        row.ToTable("lead_daily_meta_campaigns");
        row.HasKey(r => new { r.Day, r.Source, r.Campaign, r.MetaCampaignId });
        row.Property(r => r.Source).HasMaxLength(256);
        row.Property(r => r.Campaign).HasMaxLength(256);
        row.Property(r => r.MetaCampaignId).HasMaxLength(64);
    }
}
