using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Localization;

/// <summary><c>Hub:*</c> settings of the pages.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Language when neither the culture cookie nor Accept-Language chooses one.</summary>
    [RegularExpression("^(ar|en)$", ErrorMessage = "Hub:DefaultLanguage must be ar or en.")]
    public string DefaultLanguage { get; set; } = "ar";

    /// <summary>The return on ad spend a campaign should reach; /campaigns recommends more budget for winners above it.</summary>
    [Range(0.01, 1000)]
    public decimal TargetRoas { get; set; } = 3m;
}
