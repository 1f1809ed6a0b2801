using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaAdDailyInsightConfiguration : IEntityTypeConfiguration<MetaAdDailyInsight>
{
    public void Configure(EntityTypeBuilder<MetaAdDailyInsight> insight)
    {
        insight.HasKey(i => new { i.AdAccountId, i.AdId, i.Date });
        insight.Property(i => i.AdAccountId).HasMaxLength(40);
        insight.Property(i => i.AdId).HasMaxLength(32);
        insight.Property(i => i.AdsetId).HasMaxLength(32);
        insight.Property(i => i.CampaignId).HasMaxLength(32);
        insight.Property(i => i.AdName).HasMaxLength(512);
        insight.Property(i => i.AdsetName).HasMaxLength(512);
        insight.Property(i => i.CampaignName).HasMaxLength(512);
        insight.Property(i => i.Currency).HasMaxLength(8);

        // The attribution sums a date range across ads; a sync replaces an account's range.
        insight.HasIndex(i => i.Date);
    }
}
