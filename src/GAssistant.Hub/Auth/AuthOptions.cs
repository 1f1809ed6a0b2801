using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Auth;

/// <summary>CONTRACT.md <c>Auth:*</c>: the first admin and the API keys accepted from configuration.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    [Required, EmailAddress]
    public string AdminEmail { get; set; } = "admin@localhost";

    /// <summary>When unset at first start a password is generated and printed once.</summary>
    [MinLength(8, ErrorMessage = "Auth:AdminPassword must have at least 8 characters.")]
    public string? AdminPassword { get; set; }

    /// <summary>A key shorter than this is refused at start: it could be guessed.</summary>
    public const int MinApiKeyLength = 20;

    /// <summary>Keys accepted as <c>Authorization: Bearer &lt;key&gt;</c> on <c>/api/*</c>.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public bool ApiKeysLongEnough => ApiKeys.All(k => string.IsNullOrEmpty(k) || k.Length >= MinApiKeyLength);
}
