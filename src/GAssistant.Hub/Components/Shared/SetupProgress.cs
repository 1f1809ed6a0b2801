using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Components.Shared;

/// <summary>One step of the setup checklist, done when the hub has seen it happen.</summary>
public sealed record SetupStep(string Id, bool Done, string Link);

/// <summary>
/// The setup checklist of the empty dashboards and Settings: connect Odoo → install the addon → first signed Odoo
/// event → connect Meta → Pages subscribed → first lead → first campaign sync. Each step is read from what the hub
/// sees (its configuration, its inbox, its tables); the addon counts as installed when Odoo lists it installed in
/// <c>ir.module.module</c> (asked at most once a minute) or when a signed event from it arrived.
/// </summary>
public sealed class SetupProgress(IServiceScopeFactory scopes, IOptionsMonitor<OdooOptions> odoo, IOptionsMonitor<MetaOptions> meta, TimeProvider clock)
{
    public const string LeadAdsTestingTool = "https://developers.facebook.com/tools/lead-ads-testing";
    private static readonly TimeSpan AddonCheckEvery = TimeSpan.FromMinutes(1);

    private AddonCheck? _addon;

    private sealed record AddonCheck(string Server, DateTimeOffset At, bool Installed);

    public async Task<IReadOnlyList<SetupStep>> StepsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var odooEvent = await db.InboxEvents.AnyAsync(e => e.Source == InboxSources.Odoo, cancellationToken);
        var metaLead = await db.InboxEvents.AnyAsync(e => e.Source == InboxSources.Meta, cancellationToken)
                       || await db.MetaLeadLinks.AnyAsync(cancellationToken);
        var campaigns = await db.MetaCampaigns.AnyAsync(cancellationToken);
        var o = odoo.CurrentValue;
        var m = meta.CurrentValue;
        var addon = odooEvent || (o.IsConfigured && await AddonInstalledAsync(scope.ServiceProvider, o, cancellationToken));
        return
        [
            new("odoo", o.IsConfigured, "/settings/odoo"),
            new("addon", addon, "/settings/odoo"),
            new("odoo-event", odooEvent, "/settings/odoo"),
            new("meta", m.IsConfigured, "/settings/meta"),
            new("pages", m.IsConfigured && m.PageIds.Count > 0, "/settings/meta"),
            new("lead", metaLead, LeadAdsTestingTool),
            new("campaigns", campaigns, "/campaigns"),
        ];
    }

    private async Task<bool> AddonInstalledAsync(IServiceProvider services, OdooOptions o, CancellationToken cancellationToken)
    {
        var server = $"{o.Url}|{o.Database}";
        var now = clock.GetUtcNow();
        if (_addon is { } known && known.Server == server && (known.Installed || now - known.At < AddonCheckEvery))
        {
            return known.Installed;
        }

        bool installed;
        try
        {
            installed = await services.GetRequiredService<OdooClient>().SearchCountAsync("ir.module.module",
                [new JsonArray("name", "=", "g_assistant_connector"), new JsonArray("state", "=", "installed")], includeArchived: false, cancellationToken) > 0;
        }
        catch (OdooException)
        {
            installed = false;
        }

        _addon = new AddonCheck(server, now, installed);
        return installed;
    }
}
