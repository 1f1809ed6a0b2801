using GAssistant.Hub.Data;

namespace GAssistant.Hub.Auth;

/// <summary>The value in <see cref="HubUser.SecurityStamp"/> and the login cookie's <see cref="ClaimType"/> claim.</summary>
public static class SecurityStamps
{
    public const string ClaimType = "gah_stamp";

    public static string New() => HubUser.NewSecurityStamp();
}
