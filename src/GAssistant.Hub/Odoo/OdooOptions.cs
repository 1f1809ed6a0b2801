using System.ComponentModel.DataAnnotations;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Odoo;

/// <summary>The Odoo server and the addon's webhook secret (CONTRACT.md, <c>Odoo:*</c>).</summary>
public sealed class OdooOptions
{
    public const string Section = "Odoo";

    /// <summary>The server's address (http or https); empty means Odoo is not configured.</summary>
    public string? Url { get; set; }

    public string? Database { get; set; }

    public string? Username { get; set; }

    /// <summary>An API key (preferred) or the user's password.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>whsec_…</c> shared with the addon; unset means every Odoo webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The secret before the last rotation in Settings, still accepted until <see cref="PreviousWebhookSecretUntil"/>.</summary>
    public string? PreviousWebhookSecret { get; set; }

    public DateTimeOffset? PreviousWebhookSecretUntil { get; set; }

    /// <summary>How long a rotated-out secret keeps being accepted, so the addon's administrator has time to paste the new one.</summary>
    [TimeSpanRange("00:00:00", "30.00:00:00")]
    public TimeSpan WebhookSecretGracePeriod { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Token for Odoo's own "Send Webhook Notification" action; unset means refused.</summary>
    public string? AutomationToken { get; set; }

    /// <summary>How often the reconciliation pull runs; <c>00:00:00</c> turns the periodic pull off (POST /api/odoo/sync still works).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records per <c>search_read</c> page of the reconciliation pull.</summary>
    [Range(1, 10_000)]
    public int SyncBatchSize { get; set; } = 500;

    /// <summary>
    /// Each run re-reads what changed this long before its cursor: Odoo stamps <c>write_date</c> at the
    /// start of a transaction, so a long transaction can commit a change older than the cursor.
    /// </summary>
    public TimeSpan SyncOverlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one call to Odoo.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The country (ISO code such as <c>SA</c>) a national phone number (<c>05…</c>) of <c>POST /api/odoo/leads</c> is read
    /// in when the body gives no <c>country</c>; unset: such a number is kept as typed and flagged.
    /// </summary>
    public string? DefaultCountry { get; set; }

    public bool HasKnownDefaultCountry => string.IsNullOrWhiteSpace(DefaultCountry) || PhoneNumbering.IsCountry(DefaultCountry);

    /// <summary>Unset, or long enough not to be guessed: it is the only thing guarding the automation webhook.</summary>
    public bool HasLongEnoughAutomationToken => string.IsNullOrEmpty(AutomationToken) || AutomationToken.Length >= 20;

    /// <summary>Unset, or <c>whsec_</c> and at least 16 bytes of base64 (Standard Webhooks secrets are 24 to 64).</summary>
    public bool HasValidWebhookSecret => string.IsNullOrEmpty(WebhookSecret)
        || (Webhooks.StandardWebhookVerifier.TryParseSecret(WebhookSecret, out var key) && key.Length >= 16);

    /// <summary>Empty (not configured) is fine; anything else must be an absolute http(s) address.</summary>
    public bool HasValidUrl => string.IsNullOrWhiteSpace(Url)
        || (Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(Database)
        && !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(ApiKey);
}
