using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaPlacementDailyInsightConfiguration : IEntityTypeConfiguration<MetaPlacementDailyInsight>
{
    public void Configure(EntityTypeBuilder<MetaPlacementDailyInsight> insight)
    {
        insight.HasKey(i => new { i.CampaignId, i.Date, i.PublisherPlatform, i.PlatformPosition });
        insight.Property(i => i.CampaignId).HasMaxLength(32);
        insight.Property(i => i.PublisherPlatform).HasMaxLength(64);
        insight.Property(i => i.PlatformPosition).HasMaxLength(64);
        insight.Property(i => i.AdAccountId).HasMaxLength(40);
        insight.Property(i => i.CampaignName).HasMaxLength(512);
        insight.Property(i => i.Currency).HasMaxLength(8);

        // The placement breakdown sums a date range across campaigns.
        insight.HasIndex(i => i.Date);
    }
}
