using System.Net.Sockets;
using System.Security.Authentication;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Settings' Odoo "Test", run against values not saved yet: the checks of <c>/api/odoo/health</c> (version, login,
/// leads) and read access to every model the hub reads — crm.lead, utm.source/medium/campaign, crm.stage and, when
/// the Sales app is installed, sale.order. Its own HttpClient (<see cref="HttpClientName"/>) has no retries and no
/// circuit breaker, so testing a wrong address neither waits through retries nor opens the live client's circuit.
/// </summary>
public sealed class OdooConnectionTest(IHttpClientFactory clients, ILogger<OdooClient> logger)
{
    public const string HttpClientName = "OdooConnectionTest";

    /// <summary>Models read with <c>search_count</c>; an access error on any of them fails the test.</summary>
    public static readonly IReadOnlyList<string> RequiredModels = [OdooFields.Lead, "crm.stage", "utm.source", "utm.medium", "utm.campaign"];

    public async Task<OdooConnectionReport> RunAsync(OdooOptions candidate, CancellationToken cancellationToken)
    {
        if (!candidate.IsConfigured || !candidate.HasValidUrl)
        {
            return new OdooConnectionReport(OdooConnectionProblem.Incomplete);
        }

        using var http = clients.CreateClient(HttpClientName);
        http.Timeout = candidate.Timeout;
        var odoo = new OdooClient(http, new FixedOptionsMonitor<OdooOptions>(candidate), new OdooSession(), logger);
        OdooServerVersion? version = null;
        string? model = null;
        try
        {
            version = await odoo.VersionAsync(cancellationToken);
            var login = await odoo.AuthenticateAsync(cancellationToken);
            if (version.HasJson2 && login.Protocol != OdooProtocol.Json2)
            {
                // The secret is a password: Odoo 19 takes it only over /jsonrpc, which Odoo 20 removes. Not saved as it is.
                return new OdooConnectionReport(OdooConnectionProblem.ApiKeyRequired, version.Text, version.Major, login.Uid);
            }

            foreach (var required in RequiredModels)
            {
                model = required;
                await odoo.SearchCountAsync(required, [], includeArchived: false, cancellationToken);
            }

            model = OdooFields.SaleOrder;
            var missing = await HasModelAsync(odoo, OdooFields.SaleOrder, cancellationToken) ? [] : new[] { "sale_management" };
            if (missing.Length == 0)
            {
                await odoo.SearchCountAsync(OdooFields.SaleOrder, [], includeArchived: false, cancellationToken);
            }

            return new OdooConnectionReport(OdooConnectionProblem.None, version.Text, version.Major, login.Uid, MissingApps: missing);
        }
        catch (OdooException e)
        {
            // Odoo's own words (its exception's message) are shown as text; the client's transport messages are not Odoo's.
            return new OdooConnectionReport(Classify(e, version), version?.Text, version?.Major, Model: model, OdooMessage: e.ErrorName is null ? null : e.Message);
        }
    }

    /// <summary>Whether the model exists (its app is installed): <c>ir.model</c> is readable by every internal user.</summary>
    private static async Task<bool> HasModelAsync(OdooClient odoo, string model, CancellationToken cancellationToken) =>
        await odoo.SearchCountAsync("ir.model", [new System.Text.Json.Nodes.JsonArray("model", "=", model)], includeArchived: false, cancellationToken) > 0;

    public static OdooConnectionProblem Classify(OdooException e, OdooServerVersion? version) => e.Kind switch
    {
        OdooErrorKind.Unreachable => Transport(e.InnerException),
        OdooErrorKind.WrongDatabase => OdooConnectionProblem.DatabaseNotFound,
        OdooErrorKind.BadCredentials => OdooConnectionProblem.WrongCredentials,
        OdooErrorKind.MissingAccessRights => OdooConnectionProblem.MissingRights,
        OdooErrorKind.EndpointMissing => OdooConnectionProblem.NotOdoo,
        OdooErrorKind.ServerError when version is null => OdooConnectionProblem.NotOdoo,
        _ => OdooConnectionProblem.OdooError,
    };

    private static OdooConnectionProblem Transport(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // .NET names the failing step (https://learn.microsoft.com/dotnet/api/system.net.http.httprequesterror).
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return OdooConnectionProblem.Tls;
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return OdooConnectionProblem.HostNotFound;
                case AuthenticationException:
                    return OdooConnectionProblem.Tls;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return OdooConnectionProblem.HostNotFound;
                case SocketException:
                    return OdooConnectionProblem.NoAnswer;
                case TaskCanceledException or TimeoutException:
                    return OdooConnectionProblem.Timeout;
            }
        }

        // A 5xx from a proxy in front of a stopped Odoo, or a transport error without a socket error.
        return OdooConnectionProblem.NoAnswer;
    }
}
