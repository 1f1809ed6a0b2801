using System.Globalization;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// What is known about the configured API version: its place in Meta's version table (<see cref="MetaApiVersions"/>), an
/// <c>X-Ad-Api-Version-Warning</c> header Meta sent back ("The call has been auto-upgraded to vXXX as vXXX has been
/// deprecated": https://developers.facebook.com/docs/marketing-api/overview/versioning), and a 2635 refusal. What was seen
/// for one version is forgotten once another version is configured.
/// </summary>
public sealed partial class MetaVersionWatch(IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaVersionWatch> logger)
{
    private readonly Lock _gate = new();
    private (string Version, string Warning)? _warning;
    private string? _refused;

    public string Configured => options.CurrentValue.ApiVersion;

    /// <summary>True once Meta refused the configured version (2635), until another version is configured.</summary>
    public bool IsRefused
    {
        get
        {
            lock (_gate)
            {
                return _refused == Configured;
            }
        }
    }

    public void ObserveWarning(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return;
        }

        var warning = header.Trim().Trim('\'', '"');
        warning = warning.Length > 300 ? warning[..300] : warning;
        lock (_gate)
        {
            if (_warning?.Version == Configured && _warning?.Warning == warning)
            {
                return;
            }

            _warning = (Configured, warning);
        }

        Log.VersionWarning(logger, Configured, warning);
    }

    public void Refused(string message)
    {
        lock (_gate)
        {
            _refused = Configured;
        }

        Log.VersionRefused(logger, Configured, message);
    }

    public IReadOnlyList<IntegrationNotice> Notices()
    {
        var version = Configured;
        var state = MetaApiVersions.StateOf(version, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var ends = state.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var notices = new List<IntegrationNotice>();
        if (IsRefused)
        {
            notices.Add(new("api_version_refused", [version, MetaApiVersions.Default],
                $"Meta refused API version {version} as deprecated (error 2635). Set Meta:ApiVersion to {MetaApiVersions.Default}; failed work is sent again then."));
        }
        else if (state.Status == ApiVersionStatus.Expired)
        {
            notices.Add(new("api_version_expired", [version, ends, MetaApiVersions.Default],
                $"Meta:ApiVersion {version} passed its end{(ends.Length > 0 ? " on " + ends : "")}; calls may fail or be auto-upgraded. Set it to {MetaApiVersions.Default}."));
        }
        else if (state.Status == ApiVersionStatus.NearingEnd)
        {
            notices.Add(new("api_version_nearing_end", [version, ends, MetaApiVersions.Default],
                $"Meta:ApiVersion {version} ends on {ends}. Move to {MetaApiVersions.Default} before then."));
        }

        lock (_gate)
        {
            if (_warning is { } w && w.Version == version)
            {
                notices.Add(new("api_version_upgraded", [version, w.Warning], $"Meta auto-upgraded calls made with {version}: {w.Warning}"));
            }
        }

        return notices;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2851, Level = LogLevel.Warning, Message = "Meta warned about API version {Version}: {Warning}")]
        public static partial void VersionWarning(ILogger logger, string version, string warning);

        [LoggerMessage(EventId = 2852, Level = LogLevel.Error, Message = "Meta refused API version {Version}: {Message}")]
        public static partial void VersionRefused(ILogger logger, string version, string message);
    }
}
