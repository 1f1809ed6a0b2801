using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GAssistant.Hub.Reports;

/// <summary>The outcome of one send, for the API and the Settings page's "Send now".</summary>
/// <param name="Message">What happened, in English (the API's and the log's sentence).</param>
/// <param name="Error">When the SMTP server refused or could not be reached: its own words, which a page quotes inside a
/// sentence of the reader's language (<see cref="ReportRun.OutcomeOf"/>).</param>
public sealed record ReportSendResult(bool Sent, string Report, string Language, DateOnly From, DateOnly To, int Recipients, string Subject, string Message,
    string? Error = null);

/// <summary>
/// Builds a report from the hub's database and sends it over the configured SMTP server with MailKit. Used by
/// <c>POST /api/reports/send</c>, the schedules and Settings ("Send now"). SMTP failures are returned, not thrown.
/// </summary>
public sealed partial class ReportSender(
    IServiceScopeFactory scopes, IOptionsMonitor<ReportsOptions> options, ReportsStatus status, TimeProvider clock, ILogger<ReportSender> logger)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>The business's working clock; without one, every hour counts, in the reports' zone.</summary>
    internal WorkingClock WorkingClockOf(IServiceProvider services) =>
        services.GetService<IWorkingTime>()?.Clock() ?? new WorkingClock(WorkingWeek.EveryDay, TimeOnly.MinValue, TimeOnly.MinValue,
            TimeZoneInfo.FindSystemTimeZoneById(options.CurrentValue.TimeZone));

    /// <summary>Sends the report for the period ending yesterday (in <c>Reports:TimeZone</c>).</summary>
    /// <param name="recipients">Null: <c>Reports:Recipients</c>.</param>
    public async Task<ReportSendResult> SendAsync(ReportKind kind, string language, IReadOnlyList<string>? recipients = null,
        string trigger = "manual", CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            throw new InvalidOperationException("Email reports are not configured (Reports:Smtp:Host, Reports:From).");
        }

        var name = kind.Name();
        var to = (recipients is { Count: > 0 } ? recipients : o.Recipients).Select(MailboxAddress.Parse).ToList();
        var period = ReportPeriod.Ending(kind, Today(o));
        ReportData data;
        using (var scope = scopes.CreateScope())
        {
            data = await ReportBuilder.BuildAsync(scope.ServiceProvider.GetRequiredService<HubDbContext>(),
                scope.ServiceProvider.GetRequiredService<Analytics.AttributionService>(), kind, period, WorkingClockOf(scope.ServiceProvider),
                clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        var subject = ReportHtml.Subject(data, ReportStrings.For(language));
        if (to.Count == 0)
        {
            return Done(new ReportSendResult(false, kind.Name(), language, period.From, period.To, 0, subject, "No recipients: set Reports:Recipients:0."), trigger);
        }

        var message = ReportMessage.Compose(data, language, MailboxAddress.Parse(o.From!), to, clock.GetUtcNow());
        try
        {
            await SmtpMail.SendAsync(o.Smtp, message, cancellationToken);
        }
        catch (Exception e) when (SmtpMail.IsFailure(e))
        {
            Log.SendFailed(logger, name, o.Smtp.Host!, e);
            return Done(new ReportSendResult(false, kind.Name(), language, period.From, period.To, to.Count, subject, $"The SMTP server refused or failed: {e.Message}", e.Message), trigger);
        }

        var masked = string.Join(", ", to.Select(a => Redact.Email(a.Address)));
        Log.Sent(logger, name, language, to.Count, masked);
        return Done(new ReportSendResult(true, kind.Name(), language, period.From, period.To, to.Count, subject,
            $"The {kind.Name()} report for {ReportFormat.Date(period.From)} to {ReportFormat.Date(period.To)} was sent to {to.Count} recipients."), trigger);
    }

    private ReportSendResult Done(ReportSendResult result, string trigger)
    {
        status.Record(new ReportRun(result.Report, result.Language, trigger, clock.GetUtcNow().UtcDateTime, result.Recipients, result.Sent, result.Message, result.Error));
        return result;
    }

    internal DateOnly Today(ReportsOptions o) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone)).DateTime);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Sent the {Report} report ({Language}) to {Count} recipients: {Recipients}")]
        public static partial void Sent(ILogger logger, string report, string language, int count, string recipients);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Sending the {Report} report through {Host} failed")]
        public static partial void SendFailed(ILogger logger, string report, string host, Exception exception);
    }
}
