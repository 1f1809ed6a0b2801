using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class CurrencyRateConfiguration : IEntityTypeConfiguration<CurrencyRate>
{
    public void Configure(EntityTypeBuilder<CurrencyRate> rate)
    {
        rate.HasKey(r => new { r.Currency, r.Date });
        rate.Property(r => r.Currency).HasMaxLength(8);

        // Odoo stores rates with up to 12 decimals (e.g. 0.266666666667 USD per SAR).
        rate.Property(r => r.Rate).HasPrecision(24, 12);
    }
}
