using System.Globalization;
using GAssistant.Hub.Meta;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// Each chosen ad account: its insights readable (one row of yesterday's spend), and how much of Meta's rate limits it
/// uses, from the <c>X-Business-Use-Case-Usage</c> and <c>X-Ad-Account-Usage</c> headers of that answer
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting) — a warning from <see cref="HighUsage"/>%.
/// </summary>
public sealed class MetaAdAccountHealth(GraphClient graph, GraphThrottle throttle, IOptionsMonitor<MetaOptions> meta) : IConnectionCheck
{
    public const double HighUsage = 90;

    public string Key => "meta.ad_account";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var m = meta.CurrentValue;
        if (!m.IsConfigured)
        {
            return [];
        }

        var results = new List<CheckResult>();
        foreach (var account in m.AdAccounts.Distinct(StringComparer.Ordinal))
        {
            results.Add(await CheckAsync(account, cancellationToken));
        }

        return results;
    }

    private async Task<CheckResult> CheckAsync(string account, CancellationToken cancellationToken)
    {
        var objectId = GraphScope.BusinessObject(account);
        try
        {
            await graph.GetAsync($"{account}/insights", new Dictionary<string, string> { ["fields"] = "spend", ["date_preset"] = "yesterday", ["limit"] = "1" },
                new GraphScope(null, MetaUseCase.AdsInsights, objectId).Queued(), cancellationToken);
        }
        catch (GraphApiException e) when (e.Kind is GraphErrorKind.RateLimited)
        {
            return Result(account, CheckState.Warning, "meta_rate_limited", e.Message) with { UsagePercent = throttle.UsagePercent(objectId) };
        }
        catch (GraphApiException e)
        {
            return Result(account, CheckState.Failing, "meta_insights_unreadable", e.Message);
        }
        catch (MetaNeedsReconnectingException)
        {
            return Result(account, CheckState.Failing, "meta_needs_reconnecting");
        }

        var usage = throttle.UsagePercent(objectId) ?? 0;
        var percent = Math.Round(usage).ToString(CultureInfo.InvariantCulture);
        return (usage >= HighUsage ? Result(account, CheckState.Warning, "meta_usage_high", percent) : Result(account, CheckState.Ok, "meta_ad_account_ok", percent))
            with { UsagePercent = usage };
    }

    private CheckResult Result(string account, CheckState state, string code, params string[] arguments) => new($"{Key}:{account}", account, state, code, arguments);
}
