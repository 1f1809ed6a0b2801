using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaLeadLinkConfiguration : IEntityTypeConfiguration<MetaLeadLink>
{
    public void Configure(EntityTypeBuilder<MetaLeadLink> link)
    {
        link.HasKey(l => l.LeadgenId);
        link.Property(l => l.LeadgenId).HasMaxLength(32);
        link.Property(l => l.PageId).HasMaxLength(32);
        link.Property(l => l.FormId).HasMaxLength(32);
        link.Property(l => l.AdId).HasMaxLength(32);
        link.Property(l => l.AdName).HasMaxLength(512);
        link.Property(l => l.AdsetId).HasMaxLength(32);
        link.Property(l => l.AdsetName).HasMaxLength(512);
        link.Property(l => l.CampaignId).HasMaxLength(32);
        link.Property(l => l.CampaignName).HasMaxLength(512);
        link.Property(l => l.Platform).HasMaxLength(8);
        link.Property(l => l.Consents).HasMaxLength(4000);
        link.Ignore(l => l.IsTest);
        link.HasIndex(l => l.FormId);
        link.HasIndex(l => l.OdooLeadId);
        link.HasIndex(l => l.CampaignId);
        link.HasIndex(l => l.CreatedTime);
    }
}
