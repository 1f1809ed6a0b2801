using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> inbox)
    {
        inbox.HasKey(e => e.Id);
        inbox.Property(e => e.Source).HasMaxLength(32);
        inbox.Property(e => e.DeliveryId).HasMaxLength(256);
        inbox.Property(e => e.EventType).HasMaxLength(64);
        // The lease holder guards the "processed" update: if another instance took over, ours fails.
        inbox.Property(e => e.LockedBy).HasMaxLength(128).IsConcurrencyToken();
        inbox.Property(e => e.ProcessedBy).HasMaxLength(128);

        // A repeated webhook-id is the same delivery: stored once (the webhook insert relies on this index).
        inbox.HasIndex(e => new { e.Source, e.DeliveryId }).IsUnique();
        inbox.HasIndex(e => new { e.Status, e.NextAttemptAt });

        // The worker's claim takes the oldest pending events (LeaseClaim): walking only the pending ids in order stops
        // after one batch, where the index above read every due event of the backlog (or every processed one) per claim.
        inbox.HasIndex(e => e.Id).HasFilter("status = 0").HasDatabaseName("ix_inbox_events_pending");
    }
}
