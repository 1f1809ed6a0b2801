using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GAssistant.Hub.Auth;

/// <summary>
/// The forms a person posts about their own account: accepting an invitation (<c>/invite</c>) and changing their
/// password (<c>/account</c>). Plain form posts, because both end in a new login cookie.
/// </summary>
public static partial class AccountEndpoints
{
    internal static async Task<RedirectHttpResult> AcceptInvitationAsync(
        [FromForm] PasswordForm form, People people, ILogger<PasswordForm> logger, CancellationToken cancellationToken)
    {
        var (user, error) = await people.AcceptAsync(form.Token, form.Password, form.Confirm, cancellationToken);
        if (user is null)
        {
            return TypedResults.LocalRedirect($"/invite?token={Uri.EscapeDataString(form.Token ?? "")}&error={error}");
        }

        // The person signs in with the password they just chose, as they will every day.
        var masked = Redact.Email(user.Email);
        Log.Accepted(logger, masked, user.Role);
        return TypedResults.LocalRedirect($"/login?welcome=1&email={Uri.EscapeDataString(user.Email)}");
    }

    internal static async Task<RedirectHttpResult> ChangePasswordAsync(
        [FromForm] PasswordForm form, HttpContext http, People people, CancellationToken cancellationToken)
    {
        var (user, error) = await people.ChangePasswordAsync(http.User, form.Current, form.Password, form.Confirm, cancellationToken);
        if (user is null)
        {
            return TypedResults.LocalRedirect($"/account?error={error}");
        }

        // The new stamp ended every session of this person, this one included: sign this one in again.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HubPrincipals.For(user));
        return TypedResults.LocalRedirect("/account?changed=1");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "{Email} accepted an invitation as {Role}")]
        public static partial void Accepted(ILogger logger, string email, string role);
    }
}

public sealed class PasswordForm
{
    public string? Token { get; set; }
    public string? Current { get; set; }
    public string? Password { get; set; }
    public string? Confirm { get; set; }
}
