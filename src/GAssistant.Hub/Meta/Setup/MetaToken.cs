using System.Text.Json;

namespace GAssistant.Hub.Meta.Setup;

/// <summary><c>{"access_token", "token_type", "expires_in"}</c> of <c>/oauth/access_token</c>; no <c>expires_in</c>: does not expire.</summary>
public sealed record MetaToken(string AccessToken, long? ExpiresInSeconds)
{
    public static MetaToken From(JsonElement answer) =>
        new(SetupJson.String(answer, "access_token") is { Length: > 0 } token
                ? token
                : throw new GraphApiException("Meta's token answer has no access_token.", null, null, 200, GraphErrorKind.Permanent),
            SetupJson.Long(answer, "expires_in"));
}

/// <summary>
/// <c>/debug_token</c>'s <c>data</c>: <c>app_id</c>, <c>type</c> (USER, PAGE, SYSTEM_USER…), <c>is_valid</c>, <c>expires_at</c>
/// and <c>data_access_expires_at</c> (unix seconds; 0 = never), <c>scopes</c>, <c>user_id</c>
/// (https://developers.facebook.com/docs/graph-api/reference/debug_token).
/// </summary>
public sealed record MetaTokenInfo(string? AppId, string? Type, bool IsValid, DateTimeOffset? ExpiresAt, DateTimeOffset? DataAccessExpiresAt,
    IReadOnlyList<string> Scopes, string? UserId, string? Application)
{
    /// <summary>A User token that expires is worth exchanging for a long-lived one; system-user tokens need not be.</summary>
    public bool IsShortLivedUserToken(DateTimeOffset now) =>
        string.Equals(Type, "USER", StringComparison.OrdinalIgnoreCase) && ExpiresAt is { } at && at - now < TimeSpan.FromDays(7);

    public static MetaTokenInfo From(JsonElement answer)
    {
        var data = answer.TryGetProperty("data", out var d) ? d : answer;
        return new MetaTokenInfo(
            SetupJson.String(data, "app_id"),
            SetupJson.String(data, "type"),
            data.TryGetProperty("is_valid", out var valid) && valid.ValueKind == JsonValueKind.True,
            Time(SetupJson.Long(data, "expires_at")),
            Time(SetupJson.Long(data, "data_access_expires_at")),
            SetupJson.Strings(data, "scopes"),
            SetupJson.String(data, "user_id"),
            SetupJson.String(data, "application"));
    }

    private static DateTimeOffset? Time(long? seconds) => seconds is > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
}

/// <summary>A Page from <c>/me/accounts</c>: its token (never stored) and the tasks the person may do on it.</summary>
public sealed record MetaPage(string Id, string Name, string? AccessToken, IReadOnlyList<string> Tasks)
{
    /// <summary>Subscribing a Page to webhooks takes a Page token of someone who may moderate or manage it.</summary>
    public bool CanManage => Tasks.Any(t => t is "MANAGE" or "MODERATE") && !string.IsNullOrEmpty(AccessToken);

    public static MetaPage From(JsonElement item) =>
        new(SetupJson.String(item, "id") ?? "", SetupJson.String(item, "name") ?? "", SetupJson.String(item, "access_token"), SetupJson.Strings(item, "tasks"));
}

/// <summary>An ad account from <c>/me/adaccounts</c> (<c>id</c> is <c>act_…</c>; <c>account_status</c> 1 is active).</summary>
public sealed record MetaAdAccountChoice(string Id, string Name, string? Currency, int? Status)
{
    public bool IsActive => Status is null or 1;

    public static MetaAdAccountChoice From(JsonElement item) =>
        new(SetupJson.String(item, "id") ?? "act_" + SetupJson.String(item, "account_id"), SetupJson.String(item, "name") ?? "",
            SetupJson.String(item, "currency"), (int?)SetupJson.Long(item, "account_status"));
}
