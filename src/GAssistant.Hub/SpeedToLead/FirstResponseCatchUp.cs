using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// Time to first response (issue 21 item 4), with each reconciliation pull: the first human touch on the month's unanswered
/// leads, from Odoo's chatter. Odoo refusing it (a user without rights on mail.message) leaves the figure unknown, not the
/// pull failed.
/// </summary>
public sealed partial class FirstResponseCatchUp(OdooClient odoo, HubDbContext db, TimeProvider clock, ILogger<FirstResponseCatchUp> logger) : IOdooPullFollowUp
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var found = await FirstResponses.CatchUpAsync(odoo, db, clock.GetUtcNow().UtcDateTime, Window, cancellationToken);
            Log.Found(logger, found);
        }
        catch (OdooException e) when (e.Kind is OdooErrorKind.MissingAccessRights or OdooErrorKind.Invalid or OdooErrorKind.Missing)
        {
            Log.Failed(logger, e.Kind, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3621, Level = LogLevel.Information, Message = "The Odoo pull found the first response of {Count} leads")]
        public static partial void Found(ILogger logger, int count);

        [LoggerMessage(EventId = 3622, Level = LogLevel.Warning, Message = "The Odoo pull could not read first responses ({Kind}): {Reason}")]
        public static partial void Failed(ILogger logger, OdooErrorKind kind, string reason);
    }
}
