namespace GAssistant.Hub.Data;

/// <summary>
/// An administrator's invitation of a person by email: a one-time link (only its SHA-256 is stored) where the person
/// chooses their own password and becomes a <see cref="HubUser"/> with <see cref="Role"/>.
/// </summary>
public sealed class Invitation
{
    public int Id { get; set; }
    public string Email { get; set; } = "";
    public string Role { get; set; } = HubRoles.Viewer;
    public string TokenHash { get; set; } = "";
    public string InvitedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
