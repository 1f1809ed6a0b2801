using System.Security.Cryptography;

namespace GAssistant.Hub.Data;

/// <summary>A person who signs in to the hub's pages.</summary>
public sealed class HubUser
{
    public int Id { get; set; }
    public string Email { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (<c>PasswordHasher</c>), never the password.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary><see cref="HubRoles.Admin"/> or <see cref="HubRoles.Viewer"/>.</summary>
    public string Role { get; set; } = HubRoles.Admin;

    /// <summary>
    /// A random value carried in the login cookie and compared with this one on every request: changing it (a new
    /// password, a removed person) ends every session signed in before the change.
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public DateTime CreatedAt { get; set; }

    /// <summary>A new random <see cref="SecurityStamp"/> (128 bits, hex).</summary>
    public static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
