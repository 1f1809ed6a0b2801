using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Email).HasMaxLength(320);
        invitation.HasIndex(i => i.Email).IsUnique();
        invitation.Property(i => i.Role).HasMaxLength(16);
        invitation.Property(i => i.TokenHash).HasMaxLength(64);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.Property(i => i.InvitedBy).HasMaxLength(320);
    }
}
