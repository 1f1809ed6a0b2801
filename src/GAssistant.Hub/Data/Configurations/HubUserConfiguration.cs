using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class HubUserConfiguration : IEntityTypeConfiguration<HubUser>
{
    public void Configure(EntityTypeBuilder<HubUser> user)
    {
        user.HasKey(u => u.Id);
        user.Property(u => u.Email).HasMaxLength(320);
        user.HasIndex(u => u.Email).IsUnique();

        // Rows from before roles existed are the first admin.
        user.Property(u => u.Role).HasMaxLength(16).HasDefaultValue(HubRoles.Admin);
        user.Property(u => u.SecurityStamp).HasMaxLength(64);
    }
}
