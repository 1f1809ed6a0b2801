using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Reports;

/// <summary>
/// Sends each <c>Reports:Schedules:N</c> report when its cron time comes (in <c>Reports:TimeZone</c>). Before sending,
/// an instance claims the run by inserting a SyncStates row named after the schedule and minute, so hub instances
/// sharing a database send it once. A time missed while the hub was down is not caught up.
/// </summary>
public sealed partial class ReportScheduler(
    IServiceScopeFactory scopes, IOptionsMonitor<ReportsOptions> options, ReportSender sender, ReportsStatus status, TimeProvider clock, ILogger<ReportScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured || o.Schedules.Count == 0)
        {
            Log.Off(logger, o.IsConfigured ? "no Reports:Schedules" : "SMTP is not configured");
            return;
        }

        await Task.Yield();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        var schedules = o.Schedules.Select((s, i) => (Index: i, Schedule: s, Cron: CronSchedule.Parse(s.Cron))).ToList();
        var after = clock.GetUtcNow().UtcDateTime;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var plan = schedules.Select(s => (s.Index, s.Schedule, Due: NextUtc(s.Cron, after, zone))).ToList();
                status.Planned(plan.Select(p => new ScheduledReport(p.Index, p.Schedule.Report, p.Schedule.Language, p.Schedule.Cron, p.Due)).ToList());
                var next = plan.Where(p => p.Due is not null).Select(p => p.Due!.Value).DefaultIfEmpty().Min();
                if (next == default)
                {
                    return;
                }

                var wait = next - clock.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }

                foreach (var due in plan.Where(p => p.Due == next))
                {
                    await RunAsync(due.Index, due.Schedule, next, stoppingToken);
                }

                after = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The next cron time after <paramref name="afterUtc"/>, read on the zone's wall clock; a time skipped by a DST change is skipped.</summary>
    internal static DateTime? NextUtc(CronSchedule cron, DateTime afterUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone);
        for (var i = 0; i < 4; i++)
        {
            if (cron.NextAfter(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)) is not { } next)
            {
                return null;
            }

            if (!zone.IsInvalidTime(next))
            {
                return TimeZoneInfo.ConvertTimeToUtc(next, zone);
            }

            local = next;
        }

        return null;
    }

    private async Task RunAsync(int index, ReportSchedule schedule, DateTime due, CancellationToken stoppingToken)
    {
        try
        {
            if (!await ClaimAsync($"reports:schedule:{index}:{due:yyyyMMddHHmm}", stoppingToken))
            {
                return;
            }

            if (!ReportKinds.TryParse(schedule.Report, out var kind))
            {
                return; // refused at start by ReportsOptions.Validate
            }

            await sender.SendAsync(kind, schedule.Language, schedule.Recipients, "schedule", stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.Failed(logger, index, e);
        }
    }

    private async Task<bool> ClaimAsync(string name, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.SyncStates.Add(new SyncState { Name = name, Value = "sending", UpdatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance sends this one
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Scheduled email reports are off: {Reason}")]
        public static partial void Off(ILogger logger, string reason);

        [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Scheduled report {Index} failed; its next time tries again")]
        public static partial void Failed(ILogger logger, int index, Exception exception);
    }
}
