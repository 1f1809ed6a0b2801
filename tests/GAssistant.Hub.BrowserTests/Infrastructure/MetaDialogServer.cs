using System.Net;
using GAssistant.Hub.Tests.Meta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// Meta's Login dialog for the browser (the real one is www.facebook.com): <c>GET /{version}/dialog/oauth</c> with
/// <c>client_id</c>, <c>redirect_uri</c>, <c>state</c> and <c>scope</c> or <c>config_id</c> shows a consent page whose
/// Continue button goes back to <c>redirect_uri</c> with a code and the same state, as Meta redirects
/// (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow). The code is the Login double's,
/// so the hub's exchange of it on the server side goes through the same double. Kestrel on 127.0.0.1, a free port.
/// </summary>
public sealed class MetaDialogServer(MetaLoginDouble meta, string appId) : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = default!;

    /// <summary>What the person grants when they press Continue (every requested scope by default).</summary>
    public IReadOnlyList<string>? Grant { get; set; }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/{version}/dialog/oauth", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != appId || query["response_type"] != "code")
            {
                return Results.Content("<h1>Invalid App ID</h1>", "text/html", statusCode: 400);
            }

            var scopes = Grant ?? [.. query["scope"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries), "public_profile"];
            var back = meta.Authorize(query["redirect_uri"]!, query["state"]!, scopes);
            return Results.Content($"""
                <!DOCTYPE html><html><head><title>Log in with Facebook</title></head><body>
                <h1>{WebUtility.HtmlEncode(MetaLoginDouble.AppName)} is requesting access to your Pages and ad accounts</h1>
                <p>{WebUtility.HtmlEncode(string.Join(", ", scopes))}</p>
                <a id="continue" href="{WebUtility.HtmlEncode(back)}">Continue</a>
                </body></html>
                """, "text/html");
        });
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
