using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaDailyInsightConfiguration : IEntityTypeConfiguration<MetaDailyInsight>
{
    public void Configure(EntityTypeBuilder<MetaDailyInsight> insight)
    {
        insight.HasKey(i => new { i.CampaignId, i.Date });
        insight.Property(i => i.CampaignId).HasMaxLength(32);
        insight.Property(i => i.AdAccountId).HasMaxLength(40);
        insight.Property(i => i.CampaignName).HasMaxLength(512);
        insight.Property(i => i.Currency).HasMaxLength(8);

        // The campaigns report sums a date range across campaigns.
        insight.HasIndex(i => i.Date);
    }
}
