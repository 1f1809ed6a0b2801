namespace GAssistant.Hub.Data;

/// <summary>A person who signs in to the hub's pages.</summary>
public sealed class HubUser
{
    public int Id { get; set; }
    public string Email { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (<c>PasswordHasher</c>), never the password.</summary>
    public string PasswordHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
