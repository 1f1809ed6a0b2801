using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// The <c>g_assistant_connector</c> addon's heartbeat, when the hub expects it (<c>Odoo:WebhookSecret</c> set): installed
/// (<c>ir.module.module</c>), switched on and sending to this hub (its <c>ir.config_parameter</c> values
/// <c>g_assistant_connector.enabled</c> and <c>.hub_url</c> — never the secret; readable only when the hub's Odoo user
/// may read system parameters), and the time of the last signed event the hub received from it.
/// </summary>
public sealed class OdooAddonHealth(OdooClient odoo, HubDbContext db, IOptionsMonitor<OdooOptions> options, IOptionsMonitor<PublicAddressOptions> address)
    : IConnectionCheck
{
    public const string Module = "g_assistant_connector";

    public string Key => "odoo.addon";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(o.WebhookSecret))
        {
            return [];
        }

        var lastEvent = await db.InboxEvents.Where(e => e.Source == InboxSources.Odoo).MaxAsync(e => (DateTime?)e.ReceivedAt, cancellationToken);
        var last = lastEvent is { } at ? MetaTokenHealth.Date(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))) : "—";
        try
        {
            var installed = await odoo.SearchCountAsync("ir.module.module",
                [new JsonArray("name", "=", Module), new JsonArray("state", "=", "installed")], includeArchived: false, cancellationToken) > 0;
            if (!installed)
            {
                return [Result(CheckState.Failing, "odoo_addon_missing", last)];
            }
        }
        catch (OdooException e)
        {
            return [Result(CheckState.Warning, "odoo_addon_unknown", e.Message)];
        }

        string? enabled, hubUrl;
        try
        {
            enabled = await ParameterAsync(Module + ".enabled", cancellationToken);
            hubUrl = await ParameterAsync(Module + ".hub_url", cancellationToken);
        }
        catch (OdooException)
        {
            // Only Odoo administrators may read system parameters (AccessError): installed is all that can be known.
            return [Result(CheckState.Ok, "odoo_addon_installed", last)];
        }

        if (enabled != "True")
        {
            return [Result(CheckState.Failing, "odoo_addon_disabled", last)];
        }

        var publicUrl = address.CurrentValue.PublicUrl;
        if (!string.IsNullOrWhiteSpace(publicUrl) && !SameHub(hubUrl, publicUrl))
        {
            return [Result(CheckState.Failing, "odoo_addon_elsewhere", hubUrl ?? "", publicUrl)];
        }

        return [Result(CheckState.Ok, "odoo_addon_ok", last)];
    }

    /// <summary><c>ir.config_parameter.get_param(key)</c>: the value, or null (Odoo answers <c>false</c> for an unset key).</summary>
    private async Task<string?> ParameterAsync(string key, CancellationToken cancellationToken)
    {
        var value = await odoo.ExecuteAsync(new OdooCall("ir.config_parameter", "get_param") { Positional = [new("key", key)] }, cancellationToken);
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static bool SameHub(string? hubUrl, string publicUrl) =>
        Uri.TryCreate(hubUrl, UriKind.Absolute, out var addon) && Uri.TryCreate(publicUrl, UriKind.Absolute, out var hub)
        && string.Equals(addon.Authority, hub.Authority, StringComparison.OrdinalIgnoreCase) && addon.Scheme == hub.Scheme;

    private CheckResult Result(CheckState state, string code, params string[] arguments) => new(Key, options.CurrentValue.Database ?? "", state, code, arguments);
}
