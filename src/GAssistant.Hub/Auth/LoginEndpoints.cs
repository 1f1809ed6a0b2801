using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Auth;

/// <summary>The login form (<c>/login</c>) posts here; anti-forgery is checked by the framework.</summary>
public static partial class LoginEndpoints
{
    public static WebApplication MapLoginEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").WithTags("Account").ExcludeFromDescription();
        account.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        account.MapPost("/logout", (Delegate)LogoutAsync);
        account.MapPost("/invitation", AccountEndpoints.AcceptInvitationAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        account.MapPost("/password", AccountEndpoints.ChangePasswordAsync);
        return app;
    }

    internal static async Task<RedirectHttpResult> LoginAsync(
        [FromForm] LoginForm form, HttpContext http, HubDbContext db, ILogger<LoginForm> logger, CancellationToken cancellationToken)
    {
        var email = (form.Email ?? "").Trim().ToLowerInvariant();
        var returnUrl = IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/crm";
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

    internal static async Task<RedirectHttpResult> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

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
