using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class MetaAdAccountConfiguration : IEntityTypeConfiguration<MetaAdAccount>
{
    public void Configure(EntityTypeBuilder<MetaAdAccount> account)
    {
        account.HasKey(a => a.Id);
        account.Property(a => a.Id).HasMaxLength(40);
        account.Property(a => a.Name).HasMaxLength(512);
        account.Property(a => a.Currency).HasMaxLength(8);
        account.Property(a => a.CountryCode).HasMaxLength(2);
    }
}
