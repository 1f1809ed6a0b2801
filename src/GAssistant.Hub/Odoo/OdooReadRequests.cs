using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Every JSON-RPC call is a POST, so the HTTP method cannot tell a read from a write: the client
/// marks read requests with an option, and the retry strategy retries only those. A create that
/// timed out may have been committed, so it is never retried blindly (see <see cref="OdooLeadCreator"/>).
/// </summary>
public static class OdooReadRequests
{
    public static readonly HttpRequestOptionsKey<bool> IsRead = new("odoo.is_read");

    public static void MarkRead(HttpRequestMessage request) => request.Options.Set(IsRead, true);

    public static bool IsMarkedRead(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(IsRead, out var read) && read;

    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(IsMarkedRead(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
}
