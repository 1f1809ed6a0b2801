using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>What <c>/health</c> says of Odoo without calling it (the live check is <c>/api/odoo/health</c>).</summary>
internal sealed class OdooIntegrationStatus(IOptionsMonitor<OdooOptions> options) : IIntegrationStatus
{
    public string Name => "odoo";

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        var webhooks = string.IsNullOrWhiteSpace(o.WebhookSecret) ? "webhooks refused: set Odoo:WebhookSecret" : "webhooks accepted";
        return o.IsConfigured
            ? new IntegrationState("configured", $"{o.Url} database {o.Database}; {webhooks}.")
            : new IntegrationState("not_configured", $"Set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey; {webhooks}.");
    }
}
