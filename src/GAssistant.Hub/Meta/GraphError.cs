using System.Text.Json;

namespace GAssistant.Hub.Meta;

public enum GraphErrorKind
{
    /// <summary>Temporary (codes 1, 2, a 5xx or a network failure): retry with backoff and jitter.</summary>
    Transient,

    /// <summary>Throttled (4, 17, 32, 613, 80000–80014): wait out the block of that use case and object before calling again.</summary>
    RateLimited,

    /// <summary>The token expired or was invalidated (190, 102): nothing works until a new token is set.</summary>
    NeedsReconnecting,

    /// <summary>A permission is not granted or was removed (10, 200–299): the feature that needs it stops, the others go on.</summary>
    PermissionMissing,

    /// <summary>The configured API version is past its end (2635): fixed by configuring a supported version.</summary>
    VersionExpired,

    /// <summary>A bad request that retrying cannot fix (e.g. 100, invalid parameter).</summary>
    Permanent,
}

/// <summary>
/// A Graph API error (<c>{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}</c>), classified by
/// its numeric code and subcode, never by its message: https://developers.facebook.com/docs/graph-api/guides/error-handling,
/// https://developers.facebook.com/docs/graph-api/overview/rate-limiting and the Marketing API's
/// https://developers.facebook.com/documentation/ads-commerce/marketing-api/error-reference (2635: deprecated version).
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

    /// <summary>For <see cref="GraphErrorKind.PermissionMissing"/>: the permissions Meta's message names (may be none).</summary>
    public IReadOnlyList<string> NamedPermissions { get; init; } = [];

    public static GraphErrorKind Classify(int? code, int httpStatus) => code switch
    {
        1 or 2 => GraphErrorKind.Transient,
        4 or 17 or 32 or 613 or (>= 80000 and <= 80014) => GraphErrorKind.RateLimited,
        190 or 102 => GraphErrorKind.NeedsReconnecting,
        10 or (>= 200 and <= 299) => GraphErrorKind.PermissionMissing,
        2635 => GraphErrorKind.VersionExpired,
        null when httpStatus >= 500 || httpStatus == 429 => GraphErrorKind.Transient,
        null when httpStatus is 401 or 403 => GraphErrorKind.NeedsReconnecting,
        _ when httpStatus >= 500 => GraphErrorKind.Transient,
        _ => GraphErrorKind.Permanent,
    };

    /// <summary>
    /// What a rate-limit error blocks, for a call made in <paramref name="call"/>: code 4 is the app's own limit
    /// ("Application request limit reached"), except subcodes 1504022 and 1504039, which are the Insights limit of the ad
    /// account (https://developers.facebook.com/documentation/ads-commerce/marketing-api/insights/error-codes); 17 is the
    /// token's limit, except 2446079 (Ads Management of the account); 613 with 1487742 is "too many calls from this
    /// ad-account"; 32 a Page's limit; 80000–80014 the use case their code names, on the called object.
    /// </summary>
    public RateLimitKey BlockedBy(GraphScope call) => (Code, Subcode) switch
    {
        (4, 1504022 or 1504039) => new RateLimitKey(MetaUseCase.AdsInsights, call.ObjectId),
        (4, _) => RateLimitKey.App,
        (17, 2446079) => new RateLimitKey(MetaUseCase.AdsManagement, call.ObjectId),
        (17, _) => RateLimitKey.App,
        (613, 1487742) => new RateLimitKey(MetaUseCase.AdsManagement, call.ObjectId),
        (32, _) => new RateLimitKey(MetaUseCase.Pages, call.ObjectId),
        ({ } code, _) when MetaUseCase.OfErrorCode(code) is { } useCase => new RateLimitKey(useCase, call.ObjectId),
        _ => new RateLimitKey(call.UseCase, call.ObjectId),
    };

    /// <summary>Reads Meta's error body; anything else becomes an error with the HTTP status only.</summary>
    public static GraphApiException From(int httpStatus, string body, TimeSpan? retryAfter)
    {
        int? code = null;
        int? subcode = null;
        string? text = null;
        var message = $"Graph API answered {httpStatus}.";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                code = Int(error, "code");
                subcode = Int(error, "error_subcode");
                text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                message = $"Graph API error {code}{(subcode is null ? "" : $"/{subcode}")} (HTTP {httpStatus}): {text}";
            }
        }
        catch (JsonException)
        {
            // Not Meta's error shape (a proxy page, an outage): the HTTP status decides.
        }

        var kind = Classify(code, httpStatus);
        return new GraphApiException(message, code, subcode, httpStatus, kind, retryAfter)
        {
            NamedPermissions = kind == GraphErrorKind.PermissionMissing ? MetaPermissions.NamedIn(text) : [],
        };
    }

    private static int? Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
