using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Operations;

/// <summary>
/// Slows down guessing of API keys and webhook tokens: each client address may present a wrong one
/// <see cref="RateLimitOptions.FailedCredentialsPerMinute"/> times a minute; after that every request
/// of that address that presents one gets 429 with <c>Retry-After</c> until the minute is over, right or
/// wrong, so a guesser learns nothing more. The address is the connection's, or the one a configured
/// proxy forwarded (ForwardedHeaders:KnownProxies); nothing else can change it.
/// </summary>
public sealed class CredentialThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _failures;

    public CredentialThrottle(IOptions<RateLimitOptions> options)
    {
        var limit = options.Value.FailedCredentialsPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>True when this client has used up its wrong attempts for now.</summary>
    public bool IsBlocked(HttpContext http) => _failures.GetStatistics(Address(http))?.CurrentAvailablePermits == 0;

    /// <summary>Counts one wrong key or token presented by this client.</summary>
    public void RecordFailure(HttpContext http) => _failures.AttemptAcquire(Address(http)).Dispose();

    /// <summary>429 with <c>Retry-After</c>, for a blocked client.</summary>
    public ProblemHttpResult TooManyFailures(HttpContext http)
    {
        http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many wrong credentials",
            $"Too many wrong keys or tokens from this address; try again in {(int)Window.TotalSeconds} seconds.");
    }

    public void Dispose() => _failures.Dispose();

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
