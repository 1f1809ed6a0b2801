using System.Globalization;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>What <c>/health</c> says of Odoo without calling it (the live check is <c>/api/odoo/health</c>): configuration and the last sync.</summary>
internal sealed class OdooIntegrationStatus(IOptionsMonitor<OdooOptions> options, OdooSyncStatus sync) : IIntegrationStatus
{
    public string Name => "odoo";

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        var webhooks = string.IsNullOrWhiteSpace(o.WebhookSecret) ? "webhooks refused: set Odoo:WebhookSecret" : "webhooks accepted";
        var webhooksHint = string.IsNullOrWhiteSpace(o.WebhookSecret) ? new LocalizedHint("Hint.odoo.webhooks_refused", "Odoo:WebhookSecret") : new LocalizedHint("Hint.odoo.webhooks_accepted");
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", $"Set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey; {webhooks}.",
                new LocalizedHint("Hint.odoo.not_configured", "Odoo:Url", "Odoo:Database", "Odoo:Username", "Odoo:ApiKey", webhooksHint));
        }

        var lastSync = sync.LastRunAt is { } at
            ? $"last sync {at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC {(sync.LastSucceeded == true ? "succeeded" : "failed")}: {sync.LastMessage}"
            : "no sync yet";
        var syncHint = sync.LastRunAt is { } ran
            ? sync.LastSucceeded == true ? new LocalizedHint("Hint.odoo.synced", ran) : new LocalizedHint("Hint.odoo.sync_failed", ran, sync.LastProblem ?? (object)(sync.LastMessage ?? ""))
            : new LocalizedHint("Hint.odoo.no_sync");
        return new IntegrationState(sync.LastSucceeded == false ? "down" : "configured", $"{o.Url} database {o.Database}; {webhooks}; {lastSync}",
            new LocalizedHint("Hint.odoo.configured", o.Url ?? "", o.Database ?? "", webhooksHint, syncHint));
    }
}
