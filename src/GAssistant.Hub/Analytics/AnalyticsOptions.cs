namespace GAssistant.Hub.Analytics;

/// <summary><c>Analytics:*</c>: how often Odoo's currency rates are copied into the hub.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>Zero turns the periodic read off (a test, or a hub without multi-currency).</summary>
    public TimeSpan RateSyncInterval { get; set; } = TimeSpan.FromHours(6);
}
