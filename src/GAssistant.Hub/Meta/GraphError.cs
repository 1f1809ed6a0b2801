using System.Text.Json;

namespace GAssistant.Hub.Meta;

public enum GraphErrorKind
{
    /// <summary>Temporary (codes 1, 2, 4, a 5xx or a network failure): retry with backoff and jitter.</summary>
    Transient,

    /// <summary>Throttled (17, 613, 80000–80014): wait out the block before calling again.</summary>
    RateLimited,

    /// <summary>The token expired or lost permissions (190, 102, 10, 200–299): stop until reconnected.</summary>
    NeedsReconnecting,

    /// <summary>A bad request that retrying cannot fix (e.g. 100, invalid parameter).</summary>
    Permanent,
}

/// <summary>
/// A Graph API error (<c>{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}</c>), classified by
/// its numeric code, never by its message: https://developers.facebook.com/docs/graph-api/guides/error-handling
/// and https://developers.facebook.com/docs/graph-api/overview/rate-limiting.
/// </summary>
public sealed class GraphApiException(string message, int? code, int? subcode, int httpStatus, GraphErrorKind kind, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? Code { get; } = code;
    public int? Subcode { get; } = subcode;
    public int HttpStatus { get; } = httpStatus;
    public GraphErrorKind Kind { get; } = kind;

    /// <summary>For <see cref="GraphErrorKind.RateLimited"/>: how long Meta says the block lasts, when it says.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static GraphErrorKind Classify(int? code, int httpStatus) => code switch
    {
        1 or 2 or 4 => GraphErrorKind.Transient,
        17 or 32 or 613 or (>= 80000 and <= 80014) => GraphErrorKind.RateLimited,
        190 or 102 or 10 or (>= 200 and <= 299) => GraphErrorKind.NeedsReconnecting,
        null when httpStatus >= 500 || httpStatus == 429 => GraphErrorKind.Transient,
        null when httpStatus is 401 or 403 => GraphErrorKind.NeedsReconnecting,
        _ when httpStatus >= 500 => GraphErrorKind.Transient,
        _ => GraphErrorKind.Permanent,
    };

    /// <summary>Reads Meta's error body; anything else becomes an error with the HTTP status only.</summary>
    public static GraphApiException From(int httpStatus, string body, TimeSpan? retryAfter)
    {
        int? code = null;
        int? subcode = null;
        var message = $"Graph API answered {httpStatus}.";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                code = Int(error, "code");
                subcode = Int(error, "error_subcode");
                var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                message = $"Graph API error {code}{(subcode is null ? "" : $"/{subcode}")} (HTTP {httpStatus}): {text}";
            }
        }
        catch (JsonException)
        {
            // Not Meta's error shape (a proxy page, an outage): the HTTP status decides.
        }

        return new GraphApiException(message, code, subcode, httpStatus, Classify(code, httpStatus), retryAfter);
    }

    private static int? Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
