using System.Security.Cryptography;
using System.Text;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The Meta connector's state for <c>/health</c>. A token error (190) or a permission error stops the
/// connector: no further Graph calls are made with that token, and queued work waits. Configuring a new
/// <c>Meta:AccessToken</c> reconnects it (only a fingerprint of the failed token is kept, never the token).
/// </summary>
public sealed class MetaConnection(IOptionsMonitor<MetaOptions> options, TimeProvider clock) : IIntegrationStatus
{
    private readonly Lock _gate = new();
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

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", "Set Meta:AccessToken and Meta:AppSecret (and Meta:VerifyToken, Meta:PageIds, Meta:AdAccountIds).");
        }

        lock (_gate)
        {
            if (IsFailedToken())
            {
                return new IntegrationState("needs_reconnecting", $"{_failure} Generate a new token and set Meta:AccessToken; queued leads wait and nothing is lost.");
            }

            return _lastSuccess is { } at
                ? new IntegrationState("ok", $"Last Graph API call succeeded at {at:u}.")
                : new IntegrationState("configured", $"{o.PageIds.Count} pages, {o.AdAccountIds.Count} ad accounts.");
        }
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            _lastSuccess = clock.GetUtcNow().UtcDateTime;
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

    private bool IsFailedToken() =>
        _failedTokenFingerprint is not null && _failedTokenFingerprint == Fingerprint(options.CurrentValue.AccessToken);

    private static string Fingerprint(string? token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));
}

/// <summary>Thrown instead of calling Meta while the connector waits for a new token.</summary>
public sealed class MetaNeedsReconnectingException(string message) : Exception(message);
