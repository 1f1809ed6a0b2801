using GAssistant.Hub.Outbox;

namespace GAssistant.Hub.Meta;

/// <summary>
/// How a Graph error ends an outbox attempt: a missing permission or a refused API version waits for its configuration
/// (re-armed by <see cref="MetaConfigurationWatch"/> once it is fixed), a rate limit comes back when Meta says, bad data
/// fails for good, and anything else is retried with backoff. Pure.
/// </summary>
public static class MetaOutboxFailure
{
    public const string PermissionPrefix = "meta.permission:";
    public const string ApiVersionPrefix = "meta.api_version:";

    public static string WaitingForPermission(MetaFeature feature) => PermissionPrefix + feature;

    public static string WaitingForVersion(string version) => ApiVersionPrefix + version;

    /// <param name="feature">The feature the failed call belongs to.</param>
    /// <param name="version">The API version the call was made with.</param>
    public static Exception From(GraphApiException error, MetaFeature feature, string version, string what) => error.Kind switch
    {
        GraphErrorKind.PermissionMissing => new ConfigurationOutboxException(WaitingForPermission(feature),
            $"{what}: a Meta permission is missing ({string.Join(", ", error.NamedPermissions.DefaultIfEmpty(string.Join(", ", MetaPermissions.For(feature))))}); " +
            "sent again once it is granted.", error),
        GraphErrorKind.VersionExpired => new ConfigurationOutboxException(WaitingForVersion(version),
            $"{what}: Meta refused API version {version}; sent again once Meta:ApiVersion is changed.", error),
        GraphErrorKind.RateLimited => new RetryLaterOutboxException(error.RetryAfter ?? TimeSpan.FromMinutes(1), $"{what}: {error.Message}", error),
        GraphErrorKind.Permanent => new PermanentOutboxException($"{what}: {error.Message}", error),
        _ => error,
    };
}
