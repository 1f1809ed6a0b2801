using System.Security.Claims;
using GAssistant.Hub.Connections;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>The outcome of connecting a token: saved, or the check that refused it (nothing saved).</summary>
public sealed record MetaTokenOutcome(bool Saved, MetaTokenReport? Report, GraphApiException? Error = null);

/// <summary>
/// Saves what Settings' Meta panels chose, each only after Meta confirmed it: the app (its token proves App ID and secret
/// belong together), a token (valid, for this app, with the permissions leads need; a short-lived User token is first
/// exchanged for a long-lived one), and the Pages (each subscribed to <c>leadgen</c> and read back) with the ad accounts.
/// </summary>
public sealed class MetaConnectionSetup(ConnectionSettings store, MetaSetupClient graph, MetaTokenCheck tokens, MetaPageSubscriptions subscriptions,
    IOptionsMonitor<MetaOptions> options, TimeProvider clock)
{
    public const string AppIdKey = "Meta:AppId";
    public const string AppSecretKey = "Meta:AppSecret";
    public const string LoginConfigIdKey = "Meta:LoginConfigId";
    public const string AccessTokenKey = "Meta:AccessToken";
    public const string VerifyTokenKey = "Meta:VerifyToken";
    public const string PageIdsKey = "Meta:PageIds";
    public const string AdAccountIdsKey = "Meta:AdAccountIds";

    /// <summary>Checks App ID and secret with Meta (<c>GET /{app-id}</c>), then saves them; an empty secret keeps the saved one.</summary>
    public async Task<(bool Saved, GraphApiException? Error)> SaveAppAsync(string? appId, string? appSecret, string? loginConfigId, ClaimsPrincipal who,
        CancellationToken cancellationToken)
    {
        var id = store.IsSetByServer(AppIdKey) ? options.CurrentValue.AppId : appId?.Trim();
        var secret = store.IsSetByServer(AppSecretKey) || string.IsNullOrWhiteSpace(appSecret) ? options.CurrentValue.AppSecret : appSecret.Trim();
        try
        {
            await graph.AppNameAsync(id ?? "", secret ?? "", cancellationToken);
        }
        catch (GraphApiException e)
        {
            return (false, e);
        }

        var change = new ConnectionChange();
        Add(change, AppIdKey, id);
        Add(change, AppSecretKey, secret);
        Add(change, LoginConfigIdKey, loginConfigId);
        var saved = await store.SaveAsync(change, who, cancellationToken);
        return (saved.Saved, null);
    }

    /// <summary>Checks a token (from the Login dialog or pasted), makes a short-lived User token long-lived, and saves it when it can connect.</summary>
    public async Task<MetaTokenOutcome> ConnectTokenAsync(string token, ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        try
        {
            var report = await tokens.CheckAsync(token, cancellationToken);
            if (report.Info.IsValid && report.IsForThisApp && report.Info.IsShortLivedUserToken(clock.GetUtcNow()))
            {
                token = (await graph.ExchangeForLongLivedAsync(o.AppId ?? "", o.AppSecret ?? "", token, cancellationToken)).AccessToken;
                report = await tokens.CheckAsync(token, cancellationToken);
            }

            if (!report.CanConnect || store.IsSetByServer(AccessTokenKey))
            {
                return new MetaTokenOutcome(false, report);
            }

            var saved = await store.SaveAsync(new ConnectionChange().Set(AccessTokenKey, token), who, cancellationToken);
            return new MetaTokenOutcome(saved.Saved, report);
        }
        catch (GraphApiException e)
        {
            return new MetaTokenOutcome(false, null, e);
        }
    }

    /// <summary>
    /// Subscribes every chosen Page to <c>leadgen</c>; saves the Pages and ad accounts only when each Page reads back subscribed.
    /// </summary>
    public async Task<(bool Saved, IReadOnlyList<PageSubscription> Pages)> SaveAssetsAsync(IReadOnlyList<string> pageIds, IReadOnlyList<string> adAccountIds,
        ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var pages = await subscriptions.SubscribeAsync(options.CurrentValue.AccessToken ?? "", pageIds, cancellationToken);
        if (pages.Any(p => !p.Subscribed))
        {
            return (false, pages);
        }

        var change = new ConnectionChange();
        if (!store.IsSetByServer(PageIdsKey))
        {
            change.SetList(PageIdsKey, pageIds);
        }

        if (!store.IsSetByServer(AdAccountIdsKey))
        {
            change.SetList(AdAccountIdsKey, adAccountIds);
        }

        var saved = await store.SaveAsync(change, who, cancellationToken);
        return (saved.Saved, pages);
    }

    public async Task<bool> SaveVerifyTokenAsync(string verifyToken, ClaimsPrincipal who, CancellationToken cancellationToken) =>
        (await store.SaveAsync(new ConnectionChange().Set(VerifyTokenKey, verifyToken), who, cancellationToken)).Saved;

    private void Add(ConnectionChange change, string key, string? value)
    {
        if (!store.IsSetByServer(key))
        {
            change.Set(key, value);
        }
    }
}
