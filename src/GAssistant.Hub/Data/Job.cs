namespace GAssistant.Hub.Data;

/// <summary>A background run started from the API or a page (a sync), followed at <c>/api/jobs/{id}</c>.</summary>
public sealed class Job
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public JobStatus Status { get; set; }
    public int Progress { get; set; }
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}

public enum JobStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}
