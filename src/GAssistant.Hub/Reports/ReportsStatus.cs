using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Reports;

/// <summary>One report sent (or not) to its recipients.</summary>
/// <param name="Trigger"><c>schedule</c> or <c>manual</c>.</param>
/// <param name="Message">What happened, in English (<c>/health</c>'s detail).</param>
/// <param name="Error">The SMTP server's own words when it refused or could not be reached.</param>
public sealed record ReportRun(string Report, string Language, string Trigger, DateTime At, int Recipients, bool Succeeded, string Message,
    string? Error = null)
{
    /// <summary>What happened, as a sentence in the reader's language: sent, no recipients, or the server's refusal quoted.</summary>
    public LocalizedHint Outcome => OutcomeOf(Succeeded, Recipients, Error);

    public static LocalizedHint OutcomeOf(bool sent, int recipients, string? error) => (sent, error) switch
    {
        (true, _) => new LocalizedHint("Report.Sent", recipients),
        (false, { } said) => SmtpFailed(said),
        _ => new LocalizedHint("Report.NoRecipients", "Reports:Recipients:0"),
    };

    /// <summary>The SMTP server refused or could not be reached; <paramref name="said"/> is quoted as the server (or the socket) put it.</summary>
    public static LocalizedHint SmtpFailed(string said) => new("Report.SmtpFailed", said);
}

/// <summary>The next time a schedule fires (UTC).</summary>
public sealed record ScheduledReport(int Index, string Report, string Language, string Cron, DateTime? NextRunUtc);

/// <summary>What Settings shows about email reports.</summary>
public sealed record ReportsSnapshot(IntegrationState State, IReadOnlyList<ScheduledReport> Schedules, IReadOnlyList<ReportRun> RecentRuns);

/// <summary>
/// Email reports for <c>/health</c> (<c>reports</c>) and the Settings page: configured or not, the schedules' next
/// times and the recent sends, kept in memory (the mail server's log is the record of what was delivered).
/// </summary>
public sealed class ReportsStatus(IOptionsMonitor<ReportsOptions> options) : IIntegrationStatus
{
    public const int Kept = 20;
    private readonly Lock _gate = new();
    private readonly LinkedList<ReportRun> _runs = new();
    private IReadOnlyList<ScheduledReport> _schedules = [];

    public string Name => "reports";

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", "Set Reports:Smtp:Host, Reports:From and Reports:Recipients:0 to send email reports.",
                new LocalizedHint("Hint.reports.not_configured", "Reports:Smtp:Host", "Reports:From", "Reports:Recipients:0"));
        }

        lock (_gate)
        {
            var last = _runs.First?.Value;
            return last switch
            {
                null => new IntegrationState("configured", $"SMTP {o.Smtp.Host}:{o.Smtp.Port}; {o.Schedules.Count} schedules; nothing sent yet.",
                    new LocalizedHint("Hint.reports.configured", $"{o.Smtp.Host}:{o.Smtp.Port}", o.Schedules.Count)),
                { Succeeded: true } => new IntegrationState("ok", $"Last {last.Report} report sent at {last.At:u} to {last.Recipients} recipients.",
                    new LocalizedHint("Hint.reports.ok", new LocalizedHint($"Settings.Report.{last.Report}"), last.At, last.Recipients)),
                _ => new IntegrationState("down", $"The last {last.Report} report failed at {last.At:u}: {last.Message} Check Reports:Smtp:*.",
                    new LocalizedHint("Hint.reports.down", new LocalizedHint($"Settings.Report.{last.Report}"), last.At, last.Outcome, "Reports:Smtp:*")),
            };
        }
    }

    public ReportsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ReportsSnapshot(Current(), _schedules, [.. _runs]);
        }
    }

    internal void Record(ReportRun run)
    {
        lock (_gate)
        {
            _runs.AddFirst(run);
            while (_runs.Count > Kept)
            {
                _runs.RemoveLast();
            }
        }
    }

    internal void Planned(IReadOnlyList<ScheduledReport> schedules)
    {
        lock (_gate)
        {
            _schedules = schedules;
        }
    }
}
