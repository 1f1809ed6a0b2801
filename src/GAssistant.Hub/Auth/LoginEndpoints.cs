using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Auth;

/// <summary>The login form (<c>/login</c>) and the sign-out button post here; both carry an antiforgery token.</summary>
public static partial class LoginEndpoints
{
    public static WebApplication MapLoginEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        account.MapPost("/logout", LogoutAsync);
        account.MapPost("/invitation", AccountEndpoints.AcceptInvitationAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        account.MapPost("/password", AccountEndpoints.ChangePasswordAsync);
        return app;
    }

    internal static async Task<RedirectHttpResult> LoginAsync(
        [FromForm] LoginForm form, HttpContext http, HubDbContext db, ILogger<LoginForm> logger, CancellationToken cancellationToken)
    {
        var email = (form.Email ?? "").Trim().ToLowerInvariant();
        var returnUrl = LocalUrl.OrDefault(form.ReturnUrl, "/crm");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken);
        var hasher = new PasswordHasher<HubUser>();

        // Hash even for an unknown email so both failures take the same time.
        var result = user is null
            ? VerifyAgainstDummy(hasher, form.Password ?? "")
            : hasher.VerifyHashedPassword(user, user.PasswordHash, form.Password ?? "");
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            Log.Failed(logger, Redact.Email(email));
            return TypedResults.LocalRedirect($"/login?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, form.Password!);
            await db.SaveChangesAsync(cancellationToken);
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HubPrincipals.For(user));
        return TypedResults.LocalRedirect(returnUrl);
    }

    /// <summary>Renews the person's stamp, so this cookie and every copy of it stop working, then deletes it.</summary>
    internal static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LogoutAsync(
        HttpContext http, HubDbContext db, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        // No form field is bound, so the framework checks no token here: without this any site could sign a person out.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Antiforgery token missing",
                "Sign out with the button of a hub page; the request carried no valid antiforgery token.");
        }

        if (http.User.UserId() is { } id && await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user)
        {
            user.SecurityStamp = SecurityStamps.New();
            await db.SaveChangesAsync(cancellationToken);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }

    private static PasswordVerificationResult VerifyAgainstDummy(PasswordHasher<HubUser> hasher, string password)
    {
        var dummy = new HubUser();
        hasher.VerifyHashedPassword(dummy, DummyHash.Value, password);
        return PasswordVerificationResult.Failed;
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<HubUser>().HashPassword(new HubUser(), Guid.NewGuid().ToString()));

    private static partial class Log
    {
        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Failed sign-in for {Email}")]
        public static partial void Failed(ILogger logger, string email);
    }
}

public sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
