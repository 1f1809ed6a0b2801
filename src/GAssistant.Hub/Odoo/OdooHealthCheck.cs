using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The live check behind <c>GET /api/odoo/health</c>: reach the server, log in, read leads. Each
/// failure is said in words that tell the user what to fix.
/// </summary>
public sealed class OdooHealthCheck(OdooClient odoo, IOptionsMonitor<OdooOptions> options, TimeProvider clock)
{
    public async Task<OdooHealthResponse> CheckAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return new OdooHealthResponse(false, "not_configured", null, o.Database, null,
                "Odoo is not configured: set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey (an API key from the user's Preferences → Account Security).",
                new LocalizedHint("Test.odoo.not_configured", "Odoo:Url", "Odoo:Database", "Odoo:Username", "Odoo:ApiKey"));
        }

        var started = clock.GetTimestamp();
        OdooServerVersion? version = null;
        try
        {
            version = await odoo.VersionAsync(cancellationToken);
            var latency = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var login = await odoo.AuthenticateAsync(cancellationToken);
            await odoo.SearchCountAsync(OdooFields.Lead, [], includeArchived: false, cancellationToken);
            var (over, overHint) = Over(login, version);
            return new OdooHealthResponse(true, "ok", version.Text, o.Database, latency,
                $"Connected to Odoo {version.Text}, database '{o.Database}', as '{o.Username}' in {latency} ms, {over}.",
                new LocalizedHint("Test.odoo.ok", version.Text, o.Database ?? "", o.Username ?? "", latency, overHint));
        }
        catch (OdooException e)
        {
            var latency = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var (message, hint) = Explained(e, o);
            return new OdooHealthResponse(false, "down", version?.Text, o.Database, latency, message, hint);
        }
    }

    private static (string Text, LocalizedHint Hint) Over(OdooLogin login, OdooServerVersion version) => login.Protocol switch
    {
        OdooProtocol.Json2 => ("over JSON-2", new LocalizedHint("Test.odoo.over_json2")),
        _ when version.HasJson2 => ("over JSON-RPC with a password, which Odoo 19 deprecates and Odoo 20 removes: set Odoo:ApiKey to an API key (Preferences → Account Security)",
            new LocalizedHint("Test.odoo.over_password", "Odoo:ApiKey")),
        _ => ("over JSON-RPC", new LocalizedHint("Test.odoo.over_jsonrpc")),
    };

    public static string Explain(OdooException e, OdooOptions o) => Explained(e, o).Text;

    /// <summary>What went wrong and what to fix, in English (API, logs) and as a hint for Settings.</summary>
    public static (string Text, LocalizedHint Hint) Explained(OdooException e, OdooOptions o) => e.Kind switch
    {
        OdooErrorKind.Unreachable => ($"Odoo is unreachable: {e.Message} Check Odoo:Url and that the server is running and reachable from the hub.",
            new LocalizedHint("Test.odoo.unreachable", e.Message, "Odoo:Url")),
        OdooErrorKind.WrongDatabase => ($"The database '{o.Database}' does not exist on {o.Url}. Check Odoo:Database (the name shown in Odoo's database selector, or your Odoo.sh/Online database name).",
            new LocalizedHint("Test.odoo.wrong_database", o.Database ?? "", o.Url ?? "", "Odoo:Database")),
        OdooErrorKind.BadCredentials => ($"Odoo refused the login '{o.Username}' with the configured key on database '{o.Database}'. Check Odoo:Username and Odoo:ApiKey (create a new API key under Preferences → Account Security; keys can expire).",
            new LocalizedHint("Test.odoo.bad_credentials", o.Username ?? "", o.Database ?? "", "Odoo:Username", "Odoo:ApiKey")),
        OdooErrorKind.MissingAccessRights => ($"The user '{o.Username}' may log in but lacks access rights to CRM leads. Give the user Sales / CRM access in Odoo (Settings → Users). Odoo said: {e.Message}",
            new LocalizedHint("Test.odoo.missing_rights", o.Username ?? "", e.Message)),
        OdooErrorKind.EndpointMissing => ($"{o.Url} does not answer as an Odoo server (no external API there). Check Odoo:Url. {e.Message}",
            new LocalizedHint("Test.odoo.endpoint_missing", o.Url ?? "", "Odoo:Url", e.Message)),
        _ => ($"Odoo answered with an error: {e.Message}", new LocalizedHint("Test.odoo.error", e.Message)),
    };
}

/// <summary>CONTRACT.md: <c>{"success", "status", "server_version", "database", "latency_ms", "message"}</c>.</summary>
/// The hint is for Settings, in the reader's language, and is not part of the API's answer.
public sealed record OdooHealthResponse(bool Success, string Status, string? ServerVersion, string? Database, long? LatencyMs, string Message,
    [property: JsonIgnore] LocalizedHint Hint);
