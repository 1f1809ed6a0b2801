namespace GAssistant.Hub.Data;

/// <summary>
/// The two kinds of people: an administrator changes anything (Settings, people, syncs); a viewer reads the
/// dashboards. API keys act as administrators: an administrator made them for a script. The names are the values
/// stored in <see cref="HubUser.Role"/> and <see cref="Invitation.Role"/>, so they never change.
/// </summary>
public static class HubRoles
{
    public const string Admin = "admin";
    public const string Viewer = "viewer";

    public static bool IsKnown(string? role) => role is Admin or Viewer;
}
