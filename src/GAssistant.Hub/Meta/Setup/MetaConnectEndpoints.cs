using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>
/// "Connect with Facebook": <c>GET /settings/meta/connect</c> sends the administrator to Meta's Login dialog (Facebook
/// Login for Business when <c>Meta:LoginConfigId</c> names a configuration, else classic Login with the permissions as
/// scope); <c>GET /settings/meta/callback</c> checks the state, exchanges the code for a token and saves it when it may
/// read leads. Both answer with a redirect to <c>/settings/meta</c>, which says what happened.
/// https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow and
/// https://developers.facebook.com/docs/facebook-login/facebook-login-for-business
/// </summary>
public static partial class MetaConnectEndpoints
{
    public const string ConnectPath = "/settings/meta/connect";
    public const string CallbackPath = "/settings/meta/callback";
    private const string Page = "/settings/meta";

    public static WebApplication MapMetaConnect(this WebApplication app)
    {
        var group = app.MapGroup("").RequireAuthorization(HubPolicies.Admin).ExcludeFromDescription();
        group.MapGet(ConnectPath, Connect);
        group.MapGet(CallbackPath, CallbackAsync);
        return app;
    }

    internal static RedirectHttpResult Connect(HttpContext http, MetaOAuthState state, IOptionsMonitor<MetaOptions> meta, IOptionsMonitor<PublicAddressOptions> address)
    {
        var o = meta.CurrentValue;
        if (string.IsNullOrWhiteSpace(o.AppId) || string.IsNullOrWhiteSpace(o.AppSecret))
        {
            return Back("error", "app");
        }

        var redirectUri = PublicAddress.For(address.CurrentValue.PublicUrl, PublicAddress.RequestBase(http.Request), CallbackPath);
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = o.AppId,
            ["redirect_uri"] = redirectUri,
            ["state"] = state.Begin(http, redirectUri),
            ["response_type"] = "code",
        };
        if (string.IsNullOrWhiteSpace(o.LoginConfigId))
        {
            // Classic Login: ask for every permission, and again for any declined before.
            query["scope"] = string.Join(',', MetaPermissions.All);
            query["auth_type"] = "rerequest";
        }
        else
        {
            // Login for Business: the configuration names the token type, assets and permissions.
            query["config_id"] = o.LoginConfigId;
            query["override_default_response_type"] = "true";
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString($"{o.DialogUrl.TrimEnd('/')}/{o.ApiVersion}/dialog/oauth", query));
    }

    internal static async Task<RedirectHttpResult> CallbackAsync(HttpContext http, MetaOAuthState state, MetaSetupClient graph, MetaConnectionSetup setup,
        IOptionsMonitor<MetaOptions> meta, ILogger<MetaSetupClient> logger, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (!state.TryComplete(http, query["state"], out var redirectUri))
        {
            Log.StateRefused(logger);
            return Back("error", "state");
        }

        if (!string.IsNullOrEmpty(query["error"]) || string.IsNullOrEmpty(query["code"]))
        {
            // The person cancelled or declined in the dialog (error=access_denied, error_reason=user_denied).
            return Back("error", "denied");
        }

        var o = meta.CurrentValue;
        var user = http.User;
        MetaTokenOutcome outcome;
        try
        {
            var token = await graph.ExchangeCodeAsync(o.AppId ?? "", o.AppSecret ?? "", redirectUri, query["code"]!, cancellationToken);
            outcome = await setup.ConnectTokenAsync(token.AccessToken, user, cancellationToken);
        }
        catch (GraphApiException e)
        {
            outcome = new MetaTokenOutcome(false, null, e);
        }

        return outcome switch
        {
            { Saved: true } => Back("connected", "1"),
            { Error: { Code: 100, Subcode: 36007 or 36009 } } => Back("error", "code"),
            { Error: { } e } => Back("error", "graph", ("code", e.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")),
            { Report: { } report } => Back("error", MetaTokenProblems.Of(report), ("missing", string.Join(',', report.MissingRequired))),
            _ => Back("error", "graph"),
        };
    }

    private static RedirectHttpResult Back(string key, string value, params (string Key, string Value)[] more)
    {
        var query = new Dictionary<string, string?> { [key] = value };
        foreach (var (k, v) in more)
        {
            query[k] = v;
        }

        return TypedResults.LocalRedirect(QueryHelpers.AddQueryString(Page, query));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2871, Level = LogLevel.Warning, Message = "Refused a Facebook Login callback: its state is missing, expired, used or not this administrator's")]
        public static partial void StateRefused(ILogger logger);
    }
}

/// <summary>Why a token cannot connect, as the code <c>/settings/meta?error=…</c> carries. Pure.</summary>
public static class MetaTokenProblems
{
    public static string Of(MetaTokenReport report) =>
        !report.Info.IsValid ? "invalid" : !report.IsForThisApp ? "other_app" : "missing_permissions";
}
