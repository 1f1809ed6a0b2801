using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> outbox)
    {
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Kind).HasMaxLength(64);
        outbox.Property(m => m.DedupKey).HasMaxLength(256);
        outbox.Property(m => m.LockedBy).HasMaxLength(128);
        outbox.Property(m => m.WaitingFor).HasMaxLength(128);
        outbox.HasIndex(m => new { m.Kind, m.DedupKey }).IsUnique();
        outbox.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}
