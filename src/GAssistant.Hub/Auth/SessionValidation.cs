using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace GAssistant.Hub.Auth;

/// <summary>
/// Server-side end of sessions: a login cookie is honoured only while its person exists with the security stamp the
/// cookie was made with. Removing a person, a new password or a new role changes the stamp, so every cookie issued
/// before stops working at its next request (and open pages at their next revalidation,
/// <see cref="HubAuthenticationStateProvider"/>).
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<HubDbContext>();
        if (context.Principal is null || !await IsCurrentAsync(db, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>True when the principal's person still exists with the same stamp.</summary>
    public static async Task<bool> IsCurrentAsync(HubDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return false;
        }

        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        return SharedSecret.Matches(stamp, principal.FindFirstValue(SecurityStamps.ClaimType));
    }
}
