using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Odoo;

/// <summary>The Odoo server and the addon's webhook secret (CONTRACT.md, <c>Odoo:*</c>).</summary>
public sealed class OdooOptions
{
    public const string Section = "Odoo";

    [Url]
    public string? Url { get; set; }

    public string? Database { get; set; }

    public string? Username { get; set; }

    /// <summary>An API key (preferred) or the user's password.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>whsec_…</c> shared with the addon; unset means every Odoo webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Token for Odoo's own "Send Webhook Notification" action; unset means refused.</summary>
    public string? AutomationToken { get; set; }

    /// <summary>How often the reconciliation pull runs.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one call to Odoo.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Url) && !string.IsNullOrWhiteSpace(Database)
        && !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(ApiKey);
}
