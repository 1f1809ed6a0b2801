using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>What a token may do: validity and expiry (<c>/debug_token</c>), each permission's status (<c>/me/permissions</c>), what is missing.</summary>
public sealed record MetaTokenReport(MetaTokenInfo Info, bool IsForThisApp, IReadOnlyList<string> Granted, IReadOnlyList<string> Declined)
{
    /// <summary>The hub's permissions (<see cref="MetaPermissions.All"/>) not granted.</summary>
    public IReadOnlyList<string> Missing => [.. MetaPermissions.All.Where(p => !Granted.Contains(p))];

    /// <summary>The missing ones without which no lead arrives (<see cref="MetaPermissions.RequiredToConnect"/>).</summary>
    public IReadOnlyList<string> MissingRequired => [.. MetaPermissions.RequiredToConnect.Where(p => !Granted.Contains(p))];

    /// <summary>Valid, made for this app, and with every permission leads need: only such a token is saved.</summary>
    public bool CanConnect => Info.IsValid && IsForThisApp && MissingRequired.Count == 0;
}

/// <summary>
/// Checks a Meta token with the app's credentials: Settings before saving one, and the scheduled health checks
/// (issue 19) on the saved one (<see cref="CheckConfiguredAsync"/>). Reads only; changes nothing.
/// </summary>
public sealed class MetaTokenCheck(MetaSetupClient graph, IOptionsMonitor<MetaOptions> options)
{
    public Task<MetaTokenReport> CheckConfiguredAsync(CancellationToken cancellationToken) =>
        CheckAsync(options.CurrentValue.AccessToken ?? "", cancellationToken);

    /// <summary>Needs <c>Meta:AppId</c> and <c>Meta:AppSecret</c> (debug_token is asked with the app's token).</summary>
    public async Task<MetaTokenReport> CheckAsync(string token, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var info = await graph.DebugTokenAsync(o.AppId ?? "", o.AppSecret ?? "", token, cancellationToken);
        var forThisApp = string.Equals(info.AppId, o.AppId, StringComparison.Ordinal);
        if (!info.IsValid || !forThisApp)
        {
            return new MetaTokenReport(info, forThisApp, [], []);
        }

        IReadOnlyList<(string Permission, string Status)> permissions;
        try
        {
            permissions = await graph.PermissionsAsync(token, o.AppSecret ?? "", cancellationToken);
        }
        catch (GraphApiException)
        {
            // A Page token has no /me/permissions (its "me" is the Page): the scopes debug_token lists are what it has.
            permissions = [.. info.Scopes.Select(s => (s, "granted"))];
        }

        var granted = permissions.Where(p => p.Status == "granted").Select(p => p.Permission).ToList();
        var declined = permissions.Where(p => p.Status is "declined" or "expired").Select(p => p.Permission).ToList();
        return new MetaTokenReport(info, true, granted, declined);
    }
}
