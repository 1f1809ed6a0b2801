using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}
