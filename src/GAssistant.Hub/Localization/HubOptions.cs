using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Localization;

/// <summary><c>Hub:*</c> settings of the pages.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Language when neither the culture cookie nor Accept-Language chooses one.</summary>
    [RegularExpression("^(ar|en)$", ErrorMessage = "Hub:DefaultLanguage must be ar or en.")]
    public string DefaultLanguage { get; set; } = "ar";

    /// <summary>The hub's address as people, Odoo and Meta reach it (CONTRACT.md <c>Hub:PublicUrl</c>); unset: the request's.</summary>
    [Url(ErrorMessage = "Hub:PublicUrl must be an absolute http(s) address.")]
    public string? PublicUrl { get; set; }
}
