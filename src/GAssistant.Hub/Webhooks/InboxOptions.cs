using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Webhooks;

public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>How often the worker looks for due events when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events applied per transaction when no delivery is arriving.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Events applied per transaction while deliveries are arriving: smaller, so the write turn a
    /// batch holds (SQLite has one writer) never keeps a sender waiting long.
    /// </summary>
    [Range(1, 1000)]
    public int BusyBatchSize { get; set; } = 25;

    /// <summary>Pause between batches while deliveries are arriving (zero: none).</summary>
    public TimeSpan BusyPause { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Once the oldest event of a batch has waited longer than this, the worker stops yielding to deliveries (full
    /// batches, no pause) until it has caught up: otherwise a steady stream of deliveries would grow the backlog for
    /// as long as it lasts. Issue 23's goal is a backlog under a second of arrivals.
    /// </summary>
    public TimeSpan CatchUpLag { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After this many failed attempts an event is marked failed and waits for a replay.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a claimed event stays reserved for one instance before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Standard Webhooks tolerance for <c>webhook-timestamp</c> (CONTRACT.md: 5 minutes).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
