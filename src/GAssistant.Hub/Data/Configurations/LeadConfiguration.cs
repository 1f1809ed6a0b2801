using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.HasKey(l => l.OdooId);
        lead.Property(l => l.OdooId).ValueGeneratedNever();
        lead.Property(l => l.Name).HasMaxLength(512);
        lead.Property(l => l.PartnerName).HasMaxLength(512);
        lead.Property(l => l.ContactName).HasMaxLength(512);
        lead.Property(l => l.Email).HasMaxLength(320);
        lead.Property(l => l.Phone).HasMaxLength(64);
        lead.Property(l => l.Type).HasMaxLength(16);
        lead.Property(l => l.StageName).HasMaxLength(256);
        lead.Property(l => l.Currency).HasMaxLength(8);
        lead.Property(l => l.Source).HasMaxLength(256);
        lead.Property(l => l.Medium).HasMaxLength(256);
        lead.Property(l => l.Campaign).HasMaxLength(256);
        lead.Property(l => l.UserName).HasMaxLength(256);
        lead.Property(l => l.TeamName).HasMaxLength(256);
        lead.Property(l => l.CountryCode).HasMaxLength(8);
        lead.Property(l => l.LangCode).HasMaxLength(16);
        lead.Property(l => l.ScoreReasons).HasMaxLength(1024);
        lead.Property(l => l.MetaCampaignId).HasMaxLength(64);

        // Triggers keep lead_daily_stats in step (migration LeadDailyStats, Data/Migrations); SQLite's RETURNING clause does not mix
        // with AFTER triggers (https://learn.microsoft.com/ef/core/providers/sqlite/misc), so EF saves leads without it.
        lead.ToTable(t => t.UseSqlReturningClause(false));

        // Webhooks and the reconciliation pull both write leads: a stale read fails the save.
        lead.Property(l => l.SourceVersion).IsConcurrencyToken();

        // Dashboards filter by date range first, then by stage, source or campaign.
        lead.HasIndex(l => new { l.Deleted, l.CreateDate });

        // Covers the dashboards' reads of a date range (campaign attribution, which also matches leads to their orders
        // by id) so they touch no lead row: a month of a busy CRM is ~80,000 leads (bench/dashboard-queries.sh).
        // SQLite keeps the id in every index already (it is the rowid); PostgreSQL needs it listed.
        lead.HasIndex(l => new { l.Deleted, l.CreateDate, l.Active, l.IsWon, l.IsLost, l.StageName, l.WriteDate, l.ExpectedRevenue, l.Campaign, l.Type, l.DateClosed, l.OdooId, l.IsTest })
            .HasDatabaseName("ix_leads_dashboard");

        // The open leads changed since a cut-off ("going stale" is the open leads from the rollups minus these), and the
        // newest write_date: a range of recent writes read without touching lead rows, whatever the dashboard's dates.
        lead.HasIndex(l => new { l.WriteDate, l.Deleted, l.Active, l.IsWon, l.IsLost, l.StageName, l.CreateDate, l.ExpectedRevenue, l.Source, l.Campaign, l.IsTest })
            .HasDatabaseName("ix_leads_recent_writes");

        // Test leads are few: the dashboards read them alone to take them out of the rollups' sums.
        lead.HasIndex(l => l.IsTest).HasFilter("is_test").HasDatabaseName("ix_leads_test");
        lead.HasIndex(l => l.StageName);
        lead.HasIndex(l => l.Source);
        lead.HasIndex(l => l.Campaign);
        lead.HasIndex(l => l.Score);
    }
}
