namespace GAssistant.Hub.Data;

/// <summary>An API key made in Settings; only its SHA-256 is stored, the key is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, so a person can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
