using System.Text.Json;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Meta.Setup;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// Each chosen Page: still sends this app its <c>leadgen</c> webhooks (<c>GET /{page-id}/subscribed_apps</c>; re-subscribed
/// at once when the token may, which is reported so the gap can be looked at), its lead forms readable
/// (<c>/{page-id}/leadgen_forms</c>), and its leads downloadable by this app: <c>has_lead_access</c> says when Leads Access
/// Manager keeps them from the app (https://developers.facebook.com/docs/graph-api/reference/has-lead-access/), and one
/// form's <c>/leads</c> is read (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving).
/// </summary>
public sealed class MetaPageHealth(MetaPageSubscriptions subscriptions, GraphClient graph, IOptionsMonitor<MetaOptions> meta) : IConnectionCheck
{
    public string Key => "meta.page";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var m = meta.CurrentValue;
        var pageIds = m.PageIds.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToList();
        if (!m.IsConfigured || pageIds.Count == 0)
        {
            return [];
        }

        IReadOnlyList<PageSubscription> pages;
        try
        {
            pages = await subscriptions.StatusAsync(m.AccessToken!, pageIds, cancellationToken);
        }
        catch (GraphApiException e)
        {
            return [.. pageIds.Select(id => Result(id, id, CheckState.Failing, "meta_pages_unreadable", e.Message))];
        }

        var results = new List<CheckResult>();
        foreach (var page in pages)
        {
            results.Add(await CheckAsync(page, m.AccessToken!, cancellationToken));
        }

        return results;
    }

    private async Task<CheckResult> CheckAsync(PageSubscription page, string token, CancellationToken cancellationToken)
    {
        if (!page.CanManage)
        {
            return Result(page, CheckState.Failing, "meta_page_not_managed");
        }

        var resubscribed = false;
        if (!page.Subscribed)
        {
            var again = (await subscriptions.SubscribeAsync(token, [page.PageId], cancellationToken)).Single();
            if (!again.Subscribed)
            {
                return Result(page, CheckState.Failing, "meta_page_unsubscribed", again.Error ?? page.Error ?? "");
            }

            resubscribed = true;
        }

        try
        {
            var scope = new GraphScope(null, MetaUseCase.Pages, page.PageId).Queued();
            var forms = await graph.GetAsync($"{page.PageId}/leadgen_forms", new Dictionary<string, string> { ["fields"] = "id", ["limit"] = "1" }, scope, cancellationToken);
            var access = await graph.GetAsync(page.PageId, new Dictionary<string, string> { ["fields"] = "has_lead_access" }, scope, cancellationToken);
            if (access.TryGetProperty("has_lead_access", out var lam) && lam.ValueKind == JsonValueKind.Object
                && lam.TryGetProperty("can_access_lead", out var can) && can.ValueKind == JsonValueKind.False)
            {
                return Result(page, CheckState.Failing, "meta_leads_access_blocked", Text(lam, "failure_reason"), Text(lam, "failure_resolution"));
            }

            if (FirstForm(forms) is { } form)
            {
                await graph.GetAsync($"{form}/leads", new Dictionary<string, string> { ["fields"] = "id", ["limit"] = "1" },
                    new GraphScope(null, MetaUseCase.LeadGen, page.PageId).Queued(), cancellationToken);
            }
        }
        catch (GraphApiException e) when (e.Kind is GraphErrorKind.RateLimited)
        {
            return Result(page, CheckState.Warning, "meta_rate_limited", e.Message);
        }
        catch (GraphApiException e)
        {
            return Result(page, CheckState.Failing, "meta_leads_unreadable", e.Message);
        }
        catch (MetaNeedsReconnectingException)
        {
            return Result(page, CheckState.Failing, "meta_needs_reconnecting");
        }

        return resubscribed ? Result(page, CheckState.Warning, "meta_page_resubscribed") : Result(page, CheckState.Ok, "meta_page_ok");
    }

    private static string? FirstForm(JsonElement forms) =>
        forms.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0
            ? MetaNotification.Id(data[0], "id")
            : null;

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private CheckResult Result(PageSubscription page, CheckState state, string code, params string[] arguments) =>
        Result(page.PageId, string.IsNullOrEmpty(page.PageName) ? page.PageId : page.PageName, state, code, arguments);

    private CheckResult Result(string pageId, string name, CheckState state, string code, params string[] arguments) =>
        new($"{Key}:{pageId}", name, state, code, arguments);
}
