using System.Globalization;
using System.Security.Claims;
using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GAssistant.Hub.Auth;

/// <summary>The claims of a signed-in person: who, their role, and the security stamp their session was made with.</summary>
public static class HubPrincipals
{
    public static ClaimsPrincipal For(HubUser user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user.Email),
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(SecurityStamps.ClaimType, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The person's <see cref="HubUser.Id"/>, or null for an API key or an anonymous caller.</summary>
    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal principal) => principal.IsInRole(HubRoles.Admin);
}
