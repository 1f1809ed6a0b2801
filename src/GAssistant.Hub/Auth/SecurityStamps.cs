using System.Security.Cryptography;

namespace GAssistant.Hub.Auth;

/// <summary>The value in <see cref="Data.HubUser.SecurityStamp"/> and the login cookie's <see cref="ClaimType"/> claim.</summary>
public static class SecurityStamps
{
    public const string ClaimType = "gah_stamp";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
