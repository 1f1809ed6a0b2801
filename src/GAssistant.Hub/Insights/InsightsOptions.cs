using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Insights;

/// <summary>
/// Thresholds of the recommendations. Read from <c>Hub:*</c>, where <c>Hub:TargetRoas</c> has always been set.
/// </summary>
public sealed class InsightsOptions
{
    public const string Section = "Hub";

    /// <summary>The return on ad spend a campaign should reach; /campaigns recommends more budget for winners above it.</summary>
    [Range(0.01, 1000)]
    public decimal TargetRoas { get; set; } = 3m;
}
