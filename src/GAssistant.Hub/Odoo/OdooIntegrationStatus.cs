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
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", $"Set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey; {webhooks}.");
        }

        var lastSync = sync.LastRunAt is { } at
            ? $"last sync {at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC {(sync.LastSucceeded == true ? "succeeded" : "failed")}: {sync.LastMessage}"
            : "no sync yet";
        return new IntegrationState(sync.LastSucceeded == false ? "down" : "configured", $"{o.Url} database {o.Database}; {webhooks}; {lastSync}");
    }
}
