using GAssistant.Hub.Meta;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Components.Pages.Settings;

/// <param name="Message">What the test found, in English (as the API and the logs say it).</param>
/// <param name="Hint">The same for the reader, as a resource key and its arguments (<see cref="HintText"/>).</param>
public sealed record ConnectionTestResult(bool Ok, string Status, string Message, LocalizedHint Hint);

/// <summary>
/// Settings' "Test connection" for Meta: reads <c>/me</c> with the configured token (the cheapest call that proves the
/// token works; https://developers.facebook.com/docs/graph-api/overview#me) and says what to fix when it does not.
/// </summary>
public static class MetaConnectionTest
{
    public static async Task<ConnectionTestResult> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue;
        if (!options.IsConfigured)
        {
            return new(false, "not_configured", "Meta is not configured: set Meta:AccessToken (a long-lived Page or system-user token) and Meta:AppSecret, then Meta:AdAccountIds:0 and Meta:PageIds:0.",
                new LocalizedHint("Test.meta.not_configured", "Meta:AccessToken", "Meta:AppSecret", "Meta:AdAccountIds:0", "Meta:PageIds:0"));
        }

        try
        {
            var me = await services.GetRequiredService<GraphClient>().GetAsync("me", new Dictionary<string, string> { ["fields"] = "id,name" }, cancellationToken);
            var name = me.TryGetProperty("name", out var n) ? n.GetString() : null;
            return new(true, "ok", $"Connected to Meta as {name ?? "(no name)"}; {options.AdAccountIds.Count} ad accounts and {options.PageIds.Count} pages configured.",
                new LocalizedHint("Test.meta.ok", name ?? "—", options.AdAccountIds.Count, options.PageIds.Count));
        }
        catch (GraphApiException e)
        {
            var permissions = string.Join(", ", MetaPermissions.All);
            var (fix, fixHint) = e.Kind switch
            {
                GraphErrorKind.NeedsReconnecting => ($"The token expired or lost a permission: generate a new long-lived token with {permissions} and set Meta:AccessToken.",
                    new LocalizedHint("Test.meta.fix.needs_reconnecting", permissions, "Meta:AccessToken")),
                GraphErrorKind.RateLimited => ("Meta is throttling this app; wait a few minutes and test again.", new LocalizedHint("Test.meta.fix.rate_limited")),
                GraphErrorKind.Transient => ("Meta could not be reached or answered with a temporary error; check the hub's internet access and try again.",
                    new LocalizedHint("Test.meta.fix.transient")),
                _ => ("Check Meta:GraphUrl and Meta:ApiVersion.", new LocalizedHint("Test.meta.fix.other", "Meta:GraphUrl", "Meta:ApiVersion")),
            };
            return new(false, "down", $"Meta answered: {e.Message} {fix}", new LocalizedHint("Test.meta.down", e.Message, fixHint));
        }
        catch (MetaNeedsReconnectingException e)
        {
            return new(false, "needs_reconnecting", e.Message, new LocalizedHint("Test.meta.stopped", "Meta:AccessToken"));
        }
    }
}
