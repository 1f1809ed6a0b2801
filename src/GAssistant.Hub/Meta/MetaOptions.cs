using System.ComponentModel.DataAnnotations;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Meta;

/// <summary>Meta's app, token and what to read (CONTRACT.md, <c>Meta:*</c>). Unset means "not configured".</summary>
public sealed class MetaOptions
{
    public const string Section = "Meta";

    /// <summary>The Meta app's id, for "Connect with Facebook" (the Login dialog's <c>client_id</c>) and <c>/debug_token</c>.</summary>
    public string? AppId { get; set; }

    /// <summary>A Facebook Login for Business configuration id (<c>config_id</c>); unset: classic Login asking for the permissions as scope.</summary>
    public string? LoginConfigId { get; set; }

    /// <summary>Where the Login dialog lives (tests point it at a double).</summary>
    [Url]
    public string DialogUrl { get; set; } = "https://www.facebook.com";

    /// <summary>Signs webhooks (<c>X-Hub-Signature-256</c>) and keys <c>appsecret_proof</c>; unset: every webhook is refused.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Echoed in the subscription check; unset: the check is refused.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Long-lived page or system-user token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Ad account ids, with or without the <c>act_</c> prefix.</summary>
    public List<string> AdAccountIds { get; set; } = [];

    public List<string> PageIds { get; set; } = [];

    [Url]
    public string GraphUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph/Marketing API version called; see <see cref="MetaApiVersions.Default"/> for why this one.</summary>
    [RegularExpression(@"^v\d+\.\d+$")]
    public string ApiVersion { get; set; } = MetaApiVersions.Default;

    /// <summary>Dataset (pixel) the CRM stages go to through the Conversions API; unset: nothing is sent.</summary>
    public string? PixelId { get; set; }

    /// <summary>
    /// Events Manager's test code (Test Events tab): while set, every Conversions API event carries it, so the setup can be
    /// checked without counting in the ads (https://developers.facebook.com/documentation/ads-commerce/conversions-api/using-the-api).
    /// </summary>
    public string? TestEventCode { get; set; }

    /// <summary>
    /// Odoo lead sources (UTM source names) whose leads that did not come through Meta lead ads are also sent to the
    /// Conversions API, matched by hashed email and phone. Empty by default: only leads the hub made from Meta leads are sent.
    /// </summary>
    public List<string> ConversionSources { get; set; } = [];

    /// <summary>Form question name → Odoo <c>crm.lead</c> field; merged over <see cref="LeadFieldMapping.Defaults"/>.</summary>
    public Dictionary<string, string> FieldMapping { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Form id → that form's own mapping, team and salesperson (see <see cref="MetaFormOptions"/>).</summary>
    public Dictionary<string, MetaFormOptions> Forms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Form, Page or ad account id (<c>act_…</c>) → country (ISO code such as <c>SA</c>): where a lead's national phone
    /// number (<c>05…</c>) is read when the lead does not say its country. See <see cref="MetaLeadCountries"/>.
    /// </summary>
    public Dictionary<string, string> Countries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every configured country is one phone numbering knows.</summary>
    public bool HasKnownCountries => Countries.Values.All(c => PhoneNumbering.CountryOf(c) is not null);

    /// <summary>What a lead of a person Odoo already knows does, unless its form says otherwise in <see cref="RepeatPolicies"/>.</summary>
    public RepeatPolicy RepeatPolicy { get; set; } = RepeatPolicy.LogOnExisting;

    /// <summary>Form id → its own <see cref="Meta.RepeatPolicy"/>.</summary>
    public Dictionary<string, RepeatPolicy> RepeatPolicies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How old an open lead of the same person may be for a new submission to count as a repeat of it.</summary>
    [TimeSpanRange("00:00:00", "365.00:00:00")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromDays(30);

    public RepeatPolicy RepeatPolicyOf(string? formId) =>
        formId is not null && RepeatPolicies.TryGetValue(formId, out var policy) ? policy : RepeatPolicy;

    /// <summary>When the salesperson's "Call" activity on a new lead is due; zero: no activity.</summary>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan FirstCallWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>utm.medium of leads from ads, and of organic leads.</summary>
    public string PaidMedium { get; set; } = "Paid Social";

    public string OrganicMedium { get; set; } = "Organic Social";

    /// <summary>The Odoo <c>crm.tag</c> put on test leads (made when missing).</summary>
    [Required]
    public string TestLeadTag { get; set; } = "Meta test lead";

    /// <summary>How often forms are read for leads whose webhook never came.</summary>
    public TimeSpan LeadSyncInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after start the first lead backfill and campaign sync run (then every interval).</summary>
    [TimeSpanRange("00:00:00", "365.00:00:00")]
    public TimeSpan FirstSyncDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often campaigns and the last <see cref="RestatementDays"/> days of insights are re-read.</summary>
    public TimeSpan CampaignSyncInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Meta restates recent days; they are read again on every campaign sync.</summary>
    [Range(1, 90)]
    public int RestatementDays { get; set; } = 28;

    /// <summary>Ranges longer than this use an async report run instead of a direct read.</summary>
    [Range(1, 3650)]
    public int AsyncReportDays { get; set; } = 31;

    /// <summary>First wait of a retried call (doubled each time, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>Longest rate-limit block waited out inside a call; a longer one fails the call for a later retry.</summary>
    public TimeSpan MaxInlineWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a rate limit blocks when Meta's answer says nothing about it (doubled on each repeat within a call).</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a feature stopped for a missing permission tries one call again.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan PermissionRecheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often outbox messages failed for their configuration (API version, permission) are checked for re-arming.</summary>
    [TimeSpanRange("00:00:00.001", "1.00:00:00")]
    public TimeSpan ConfigurationCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an async report run is polled.</summary>
    public TimeSpan ReportPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Unset, or at least 12 characters.</summary>
    public bool HasLongEnoughVerifyToken => string.IsNullOrEmpty(VerifyToken) || VerifyToken.Length >= 12;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(AppSecret);

    public IEnumerable<string> AdAccounts => AdAccountIds.Where(a => !string.IsNullOrWhiteSpace(a))
        .Select(a => a.StartsWith("act_", StringComparison.Ordinal) ? a : "act_" + a);
}
