using System.Globalization;

namespace GAssistant.Hub.Meta;

public enum ApiVersionStatus
{
    /// <summary>Supported, with no end date announced or the end more than <see cref="MetaApiVersions.NearingEnd"/> away.</summary>
    Supported,

    /// <summary>Supported, but Meta's end date is within <see cref="MetaApiVersions.NearingEnd"/>.</summary>
    NearingEnd,

    /// <summary>Past Meta's end date: calls may fail with error 2635 or be auto-upgraded.</summary>
    Expired,

    /// <summary>Newer than the table (or unparsable): nothing known against it.</summary>
    Unknown,
}

/// <summary>What the hub knows about one Marketing API version on a given day.</summary>
public sealed record ApiVersionState(string Version, ApiVersionStatus Status, DateOnly? EndsOn, string? Newest);

/// <summary>
/// Marketing API versions and their end dates, from Meta's version table
/// (https://developers.facebook.com/documentation/ads-commerce/marketing-api/marketing-api-changelog/versions): a version
/// lives about a year and stops working at its expiration date (calls then fail with <c>(#2635) You are calling a
/// deprecated version of the Ads API</c>, or are auto-upgraded with an <c>X-Ad-Api-Version-Warning</c> header:
/// https://developers.facebook.com/docs/marketing-api/overview/versioning). Pure.
/// </summary>
public static class MetaApiVersions
{
    /// <summary>
    /// The version the hub calls unless <c>Meta:ApiVersion</c> says otherwise. v26.0 (released 2026-07-29, no expiration
    /// announced in the version table of 2026-11) is the newest version of Meta's official SDKs (facebook-nodejs-business-sdk
    /// <c>src/api.js</c> returns <c>v26.0</c>), so it is supported on 2026-12-01 and well past it: v24.0 ends 2026-11-10 and
    /// v25.0 on 2027-02-23, and v27.0 (2026-11-04) has no SDK yet.
    /// </summary>
    public const string Default = "v26.0";

    /// <summary>How long before its end date a version is reported as nearing it (Meta's grace period is 90 days).</summary>
    public static readonly TimeSpan NearingEnd = TimeSpan.FromDays(90);

    /// <summary>Expiration dates from the table; null: none announced yet.</summary>
    private static readonly (int Major, DateOnly? EndsOn)[] Table =
    [
        (21, new DateOnly(2025, 9, 9)),
        (22, new DateOnly(2026, 2, 19)),
        (23, new DateOnly(2026, 6, 9)),
        (24, new DateOnly(2026, 11, 10)),
        (25, new DateOnly(2027, 2, 23)),
        (26, null),
        (27, null),
    ];

    public static ApiVersionState StateOf(string version, DateOnly today)
    {
        var newest = $"v{Table[^1].Major}.0";
        if (Major(version) is not { } major)
        {
            return new ApiVersionState(version, ApiVersionStatus.Unknown, null, newest);
        }

        if (major < Table[0].Major)
        {
            // Older than the table: long expired.
            return new ApiVersionState(version, ApiVersionStatus.Expired, null, newest);
        }

        var known = Array.FindIndex(Table, v => v.Major == major);
        if (known < 0)
        {
            return new ApiVersionState(version, ApiVersionStatus.Unknown, null, newest);
        }

        var ends = Table[known].EndsOn;
        var status = ends switch
        {
            null => ApiVersionStatus.Supported,
            { } end when today >= end => ApiVersionStatus.Expired,
            { } end when end.DayNumber - today.DayNumber <= NearingEnd.TotalDays => ApiVersionStatus.NearingEnd,
            _ => ApiVersionStatus.Supported,
        };
        return new ApiVersionState(version, status, ends, newest);
    }

    /// <summary>The major number of <c>v26.0</c>; null when the text is no version.</summary>
    public static int? Major(string? version) =>
        version is { Length: > 1 } && version[0] == 'v' && version.IndexOf('.') is var dot and > 1
            && int.TryParse(version.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? major
            : null;
}
