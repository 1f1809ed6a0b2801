using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>One Page's webhook state: whether this app receives its <c>leadgen</c> changes, or why that could not be set.</summary>
public sealed record PageSubscription(string PageId, string PageName, bool Subscribed, bool CanManage, string? Error = null);

/// <summary>
/// Subscribes Pages to this app's <c>leadgen</c> field and reads it back — Meta sends a lead's webhook only for a Page
/// subscribed here and a field the app subscribes to as well (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-leadgen).
/// Each Page is called with its own Page token from <c>/me/accounts</c>. Settings uses it when Pages are chosen; the
/// scheduled checks (issue 19) use <see cref="StatusAsync"/> to notice a subscription that disappeared.
/// </summary>
public sealed class MetaPageSubscriptions(MetaSetupClient graph, IOptionsMonitor<MetaOptions> options)
{
    public const string Field = "leadgen";

    public async Task<IReadOnlyList<PageSubscription>> SubscribeAsync(string userToken, IEnumerable<string> pageIds, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var pages = (await graph.PagesAsync(userToken, o.AppSecret ?? "", cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var results = new List<PageSubscription>();
        foreach (var id in pageIds)
        {
            if (!pages.TryGetValue(id, out var page) || !page.CanManage)
            {
                results.Add(new PageSubscription(id, page?.Name ?? id, false, false));
                continue;
            }

            try
            {
                // Keep the fields the app already has on this Page: the POST sets the whole list.
                var fields = (await graph.SubscribedAppsAsync(page.Id, page.AccessToken!, o.AppSecret ?? "", cancellationToken))
                    .Where(a => a.AppId == o.AppId).SelectMany(a => a.Fields).Append(Field).Distinct(StringComparer.Ordinal);
                await graph.SubscribeAsync(page.Id, page.AccessToken!, o.AppSecret ?? "", string.Join(',', fields), cancellationToken);
                results.Add(await ReadBackAsync(page, cancellationToken));
            }
            catch (GraphApiException e)
            {
                results.Add(new PageSubscription(page.Id, page.Name, false, true, e.Message));
            }
        }

        return results;
    }

    /// <summary>Whether each Page still sends this app its leads (<c>GET /{page-id}/subscribed_apps</c>).</summary>
    public async Task<IReadOnlyList<PageSubscription>> StatusAsync(string userToken, IEnumerable<string> pageIds, CancellationToken cancellationToken)
    {
        var pages = (await graph.PagesAsync(userToken, options.CurrentValue.AppSecret ?? "", cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var results = new List<PageSubscription>();
        foreach (var id in pageIds)
        {
            results.Add(pages.TryGetValue(id, out var page) && page.CanManage
                ? await ReadBackAsync(page, cancellationToken)
                : new PageSubscription(id, page?.Name ?? id, false, false));
        }

        return results;
    }

    private async Task<PageSubscription> ReadBackAsync(MetaPage page, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        try
        {
            var apps = await graph.SubscribedAppsAsync(page.Id, page.AccessToken!, o.AppSecret ?? "", cancellationToken);
            return new PageSubscription(page.Id, page.Name, apps.Any(a => a.AppId == o.AppId && a.Fields.Contains(Field)), true);
        }
        catch (GraphApiException e)
        {
            return new PageSubscription(page.Id, page.Name, false, true, e.Message);
        }
    }
}
