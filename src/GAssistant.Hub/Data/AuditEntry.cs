namespace GAssistant.Hub.Data;

/// <summary>
/// One change made by a person or an API key: who, when, what. Never a secret: <see cref="Subject"/> names what was
/// changed (an email, a setting's key, a key's name), not its value. Written through <see cref="Auth.Audit"/>.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The person's email, or <c>api-key-…</c> for a script, or <c>system</c>.</summary>
    public string Actor { get; set; } = "";

    /// <summary>A stable code such as <c>user.invited</c>; the page shows it through the resources (<c>Audit.user.invited</c>).</summary>
    public string Action { get; set; } = "";
    public string? Subject { get; set; }
}
