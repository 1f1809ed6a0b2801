using System.ComponentModel.DataAnnotations;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Health;

/// <summary><c>Health:*</c>: how often the connections are checked, and how early an expiring token is reported.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How often every check runs while all are ok.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How soon the checks run again while one is warning or failing, so a fix is seen quickly.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the integrations' own state (no network call) is looked at: one turning bad (a token Meta refused, a failed
    /// Odoo sync) runs the checks at once instead of at the next interval.
    /// </summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long before a Meta token (or its data access) expires the check warns.</summary>
    [TimeSpanRange("00:00:00", "90.00:00:00")]
    public TimeSpan TokenWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>First check after start (the hub's own services start first).</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan FirstCheckDelay { get; set; } = TimeSpan.FromSeconds(30);
}
