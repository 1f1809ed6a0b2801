using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaLeadFormConfiguration : IEntityTypeConfiguration<MetaLeadForm>
{
    public void Configure(EntityTypeBuilder<MetaLeadForm> form)
    {
        form.HasKey(f => f.Id);
        form.Property(f => f.Id).HasMaxLength(32);
        form.Property(f => f.PageId).HasMaxLength(32);
        form.Property(f => f.Name).HasMaxLength(512);
        form.Property(f => f.Status).HasMaxLength(32);
    }
}
