using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// Every HttpClient the hub makes ends here: a request to a host no test registered fails the
/// call (and is recorded), so no test can reach the network by accident.
/// </summary>
public sealed class OutboundHttp
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Unregistered { get; } = new();

    /// <summary>Serves requests for <paramref name="authority"/> (e.g. <c>odoo.test</c> or <c>127.0.0.1:8069</c>).</summary>
    public void Register(string authority, Func<HttpRequestMessage, Task<HttpResponseMessage>> handler) => _hosts[authority] = handler;

    internal void Install(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new Handler(this)));

    private sealed class Handler(OutboundHttp outbound) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authority = request.RequestUri!.Authority;
            if (outbound._hosts.TryGetValue(authority, out var handler) || outbound._hosts.TryGetValue(request.RequestUri.Host, out handler))
            {
                return handler(request);
            }

            outbound.Unregistered.Enqueue($"{request.Method} {request.RequestUri}");
            throw new HttpRequestException($"Test hub made an unregistered outbound call: {request.Method} {request.RequestUri}", null, HttpStatusCode.BadGateway);
        }
    }
}
