using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// A lead made through <c>POST /api/odoo/leads</c> (the website, a form tool) gets what a Meta lead gets (issue 21 item 2):
/// the salesperson's "Call" activity, due <see cref="MetaOptions.FirstCallWithin"/> later, then their email and the
/// escalation, queued with the lead's replica row. Its key is <c>odoo-&lt;id&gt;</c> where a Meta lead has its leadgen id.
/// The lead exists in Odoo already: an activity Odoo refuses is logged and the email still goes.
/// </summary>
public sealed partial class ApiLeadFollowUp(FirstCallActivity activity, LeadAlerts alerts, IOptionsMonitor<MetaOptions> meta,
    ILogger<ApiLeadFollowUp> logger) : IOdooLeadFollowUp
{
    public static string KeyOf(long odooLeadId) => $"odoo-{odooLeadId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task QueueAsync(HubDbContext db, NewOdooLead lead, CancellationToken cancellationToken)
    {
        var key = KeyOf(lead.OdooLeadId);
        if (meta.CurrentValue.FirstCallWithin > TimeSpan.Zero)
        {
            try
            {
                await activity.EnsureAsync(lead.OdooLeadId, lead.SalespersonId, $"[api_lead:{lead.OdooLeadId}]", meta.CurrentValue.FirstCallWithin,
                    cancellationToken, "Activity.FirstCallNoteApi");
            }
            catch (OdooException e)
            {
                Log.NoActivity(logger, lead.OdooLeadId, e);
            }
        }

        var input = lead.Input;
        await alerts.QueueAsync(db, new LeadAlert(key, lead.OdooLeadId, lead.SalespersonId, lead.TeamId, input.LeadName, lead.Phone?.E164,
            lead.Phone?.Typed, NewLead.Clean(input.Email), NewLead.Clean(input.Campaign), null, null, [], lead.CameAt,
            Api: true, Source: NewLead.Clean(input.Source), Notes: NewLead.Clean(input.Description)), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3610, Level = LogLevel.Warning, Message = "Odoo lead {LeadId} made through the API: its Call activity could not be created; the salesperson's email still goes")]
        public static partial void NoActivity(ILogger logger, long leadId, Exception exception);
    }
}
