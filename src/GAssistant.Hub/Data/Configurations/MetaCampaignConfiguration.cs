using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaCampaignConfiguration : IEntityTypeConfiguration<MetaCampaign>
{
    public void Configure(EntityTypeBuilder<MetaCampaign> campaign)
    {
        campaign.HasKey(c => c.Id);
        campaign.Property(c => c.Id).HasMaxLength(32);
        campaign.Property(c => c.AdAccountId).HasMaxLength(40);
        campaign.Property(c => c.Name).HasMaxLength(512);
        campaign.Property(c => c.Status).HasMaxLength(32);
        campaign.Property(c => c.EffectiveStatus).HasMaxLength(32);
        campaign.Property(c => c.Objective).HasMaxLength(64);
        campaign.Property(c => c.Currency).HasMaxLength(8);
        campaign.HasIndex(c => c.Name);
    }
}
