using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class SaleOrderConfiguration : IEntityTypeConfiguration<SaleOrder>
{
    public void Configure(EntityTypeBuilder<SaleOrder> order)
    {
        order.HasKey(o => o.OdooId);
        order.Property(o => o.OdooId).ValueGeneratedNever();
        order.Property(o => o.Name).HasMaxLength(256);
        order.Property(o => o.PartnerName).HasMaxLength(512);
        order.Property(o => o.State).HasMaxLength(32);
        order.Property(o => o.Currency).HasMaxLength(8);
        order.Property(o => o.SourceVersion).IsConcurrencyToken();
        order.HasIndex(o => o.OpportunityId);
        order.HasIndex(o => o.WriteDate);
    }
}
