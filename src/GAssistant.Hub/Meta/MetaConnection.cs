using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>A feature stopped for a missing permission, and when its next call may try again.</summary>
public sealed record FeatureBlock(MetaFeature Feature, IReadOnlyList<string> Missing, DateTimeOffset Since, DateTimeOffset RecheckAt);

/// <summary>
/// The Meta connector's state for <c>/health</c> and Settings. A token error (190, 102) stops the connector: no further
/// Graph calls are made with that token, and queued work waits; configuring a new <c>Meta:AccessToken</c> reconnects it
/// (only a fingerprint of the failed token is kept, never the token). A permission error (10, 200–299) stops only the
/// feature that needs the permission (<see cref="MetaPermissions"/>); one of its calls tries again every
/// <see cref="MetaOptions.PermissionRecheckInterval"/>, and a success (or a new token) restarts it.
/// </summary>
public sealed class MetaConnection(IOptionsMonitor<MetaOptions> options, MetaVersionWatch version, GraphThrottle throttle, TimeProvider clock)
    : IIntegrationStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<MetaFeature, (FeatureBlock Block, string Token)> _blocks = [];
    private string? _failedTokenFingerprint;
    private string _failure = "";
    private DateTime? _lastSuccess;

    public string Name => "meta";

    public bool NeedsReconnecting
    {
        get
        {
            lock (_gate)
            {
                return IsFailedToken();
            }
        }
    }

    /// <summary>The features stopped for a permission of the current token.</summary>
    public IReadOnlyList<FeatureBlock> Blocks
    {
        get
        {
            lock (_gate)
            {
                var token = Fingerprint(options.CurrentValue.AccessToken);
                return _blocks.Values.Where(b => b.Token == token).Select(b => b.Block).OrderBy(b => b.Feature).ToList();
            }
        }
    }

    /// <summary>
    /// Whether a call of <paramref name="feature"/> may go to Meta now: always when the feature is not stopped; when it is,
    /// once per recheck interval (that call is the recheck).
    /// </summary>
    public bool TryCall(MetaFeature feature, out FeatureBlock? block)
    {
        lock (_gate)
        {
            block = null;
            if (!_blocks.TryGetValue(feature, out var held) || held.Token != Fingerprint(options.CurrentValue.AccessToken))
            {
                return true;
            }

            block = held.Block;
            var now = clock.GetUtcNow();
            if (now < held.Block.RecheckAt)
            {
                return false;
            }

            _blocks[feature] = (held.Block with { RecheckAt = now + options.CurrentValue.PermissionRecheckInterval }, held.Token);
            return true;
        }
    }

    /// <summary>Whether <paramref name="feature"/> is stopped and its recheck is due (so a queued call may be let through).</summary>
    public bool RecheckDue(MetaFeature feature) =>
        Blocks.FirstOrDefault(b => b.Feature == feature) is { } block && clock.GetUtcNow() >= block.RecheckAt;

    public void Succeeded(GraphScope scope)
    {
        lock (_gate)
        {
            _lastSuccess = clock.GetUtcNow().UtcDateTime;
            if (scope.Feature is { } feature)
            {
                _blocks.Remove(feature);
            }
        }
    }

    public void PermissionMissing(MetaFeature feature, GraphApiException error)
    {
        var missing = error.NamedPermissions.Count > 0 ? error.NamedPermissions : MetaPermissions.For(feature);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            _blocks[feature] = (new FeatureBlock(feature, missing, now, now + options.CurrentValue.PermissionRecheckInterval),
                Fingerprint(options.CurrentValue.AccessToken));
        }
    }

    public void Disconnect(GraphApiException error)
    {
        lock (_gate)
        {
            _failedTokenFingerprint = Fingerprint(options.CurrentValue.AccessToken);
            _failure = $"Meta refused the access token (error {error.Code}{(error.Subcode is null ? "" : $"/{error.Subcode}")}) at {clock.GetUtcNow():u}.";
        }
    }

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", "Set Meta:AccessToken and Meta:AppSecret (and Meta:VerifyToken, Meta:PageIds, Meta:AdAccountIds).",
                new LocalizedHint("Hint.meta.not_configured", "Meta:AccessToken", "Meta:AppSecret", "Meta:VerifyToken", "Meta:PageIds", "Meta:AdAccountIds"));
        }

        var notices = version.Notices().Concat(Blocks.Select(PermissionNotice)).Concat(throttle.ActiveBlocks().Select(RateLimitNotice)).ToList();
        lock (_gate)
        {
            if (IsFailedToken())
            {
                return new IntegrationState("needs_reconnecting", $"{_failure} Generate a new token and set Meta:AccessToken; queued leads wait and nothing is lost.",
                    new LocalizedHint("Hint.meta.needs_reconnecting", _failure, "Meta:AccessToken"))
                {
                    Notices = notices,
                };
            }

            var degraded = notices.Any(n => n.Code is "api_version_refused" or "api_version_expired" or "permission_missing");
            var detail = _lastSuccess is { } at ? $"Last Graph API call succeeded at {at:u}." : $"{o.PageIds.Count} pages, {o.AdAccountIds.Count} ad accounts.";
            var state = degraded ? "degraded" : _lastSuccess is null ? "configured" : "ok";
            // The notices are shown beside the hint, each in the reader's language (Notice.{Code}).
            var hint = _lastSuccess is { } last ? new LocalizedHint("Hint.meta.ok", last) : new LocalizedHint("Hint.meta.configured", o.PageIds.Count, o.AdAccountIds.Count);
            return new IntegrationState(state, string.Join(' ', notices.Select(n => n.Detail).Prepend(detail)), hint) { Notices = notices };
        }
    }

    private static IntegrationNotice PermissionNotice(FeatureBlock block) =>
        new("permission_missing", [block.Feature.ToString(), string.Join(", ", block.Missing)],
            $"{block.Feature} is stopped: Meta says a permission is missing ({string.Join(", ", block.Missing)}). Grant it to the app's token; the hub checks again every few minutes and the rest keeps working.");

    private static IntegrationNotice RateLimitNotice(RateLimitBlock block) =>
        new("rate_limited", [block.Key.UseCase ?? "*", block.Key.ObjectId ?? "*", block.Until.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)],
            $"Meta's rate limit pauses {block.Key} until {block.Until:u}; other calls go on.");

    private bool IsFailedToken() =>
        _failedTokenFingerprint is not null && _failedTokenFingerprint == Fingerprint(options.CurrentValue.AccessToken);

    private static string Fingerprint(string? token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));
}

/// <summary>Thrown instead of calling Meta while the connector waits for a new token.</summary>
public sealed class MetaNeedsReconnectingException(string message) : Exception(message);
