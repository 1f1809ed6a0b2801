using System.Diagnostics;
using System.Text.Json.Nodes;
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
                "Odoo is not configured: set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey (an API key from the user's Preferences → Account Security).");
        }

        var started = clock.GetTimestamp();
        OdooServerVersion? version = null;
        try
        {
            version = await odoo.VersionAsync(cancellationToken);
            var latency = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            var login = await odoo.AuthenticateAsync(cancellationToken);
            await odoo.SearchCountAsync(OdooFields.Lead, [], includeArchived: false, cancellationToken);
            return new OdooHealthResponse(true, "ok", version.Text, o.Database, latency,
                $"Connected to Odoo {version.Text}, database '{o.Database}', as '{o.Username}' in {latency} ms, {Over(login, version)}.");
        }
        catch (OdooException e)
        {
            var latency = (long)clock.GetElapsedTime(started).TotalMilliseconds;
            return new OdooHealthResponse(false, "down", version?.Text, o.Database, latency, Explain(e, o));
        }
    }

    private static string Over(OdooLogin login, OdooServerVersion version) => login.Protocol switch
    {
        OdooProtocol.Json2 => "over JSON-2",
        _ when version.HasJson2 => "over JSON-RPC with a password, which Odoo 19 deprecates and Odoo 20 removes: set Odoo:ApiKey to an API key (Preferences → Account Security)",
        _ => "over JSON-RPC",
    };

    public static string Explain(OdooException e, OdooOptions o) => e.Kind switch
    {
        OdooErrorKind.Unreachable => $"Odoo is unreachable: {e.Message} Check Odoo:Url and that the server is running and reachable from the hub.",
        OdooErrorKind.WrongDatabase => $"The database '{o.Database}' does not exist on {o.Url}. Check Odoo:Database (the name shown in Odoo's database selector, or your Odoo.sh/Online database name).",
        OdooErrorKind.BadCredentials => $"Odoo refused the login '{o.Username}' with the configured key on database '{o.Database}'. Check Odoo:Username and Odoo:ApiKey (create a new API key under Preferences → Account Security; keys can expire).",
        OdooErrorKind.MissingAccessRights => $"The user '{o.Username}' may log in but lacks access rights to CRM leads. Give the user Sales / CRM access in Odoo (Settings → Users). Odoo said: {e.Message}",
        OdooErrorKind.EndpointMissing => $"{o.Url} does not answer as an Odoo server (no external API there). Check Odoo:Url. {e.Message}",
        _ => $"Odoo answered with an error: {e.Message}",
    };
}

/// <summary>CONTRACT.md: <c>{"success", "status", "server_version", "database", "latency_ms", "message"}</c>.</summary>
public sealed record OdooHealthResponse(bool Success, string Status, string? ServerVersion, string? Database, long? LatencyMs, string Message);
