namespace GAssistant.Hub.Data;

/// <summary>
/// One connection value an administrator saved in Settings, under its configuration key (<c>Odoo:Url</c>,
/// <c>Meta:PageIds:0</c>). A secret's <see cref="Value"/> is its Data Protection ciphertext, never the secret.
/// </summary>
public sealed class ConnectionSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public bool IsSecret { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Who saved it (the signed-in administrator's email).</summary>
    public string UpdatedBy { get; set; } = "";
}
