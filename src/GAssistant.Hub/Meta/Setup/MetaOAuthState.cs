using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>
/// The OAuth <c>state</c> of "Connect with Facebook": random, bound to the signed-in administrator and this browser (an
/// encrypted, time-limited cookie holds it with the user id and the redirect URI), single use, and expiring after
/// <see cref="Lifetime"/>. A callback whose state does not match is refused before any code is exchanged
/// (https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#login, "state"; RFC 6749 §10.12).
/// The cookie is encrypted with the hub's Data Protection keys, so the callback may reach any instance sharing them.
/// </summary>
public sealed class MetaOAuthState(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "gah_meta_oauth";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // The expiry travels inside the ticket and is checked against the hub's clock (a time-limited protector reads the system clock).
    private readonly IDataProtector _protector = protection.CreateProtector("GAssistant.Hub.Meta.OAuthState.v1");
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    private sealed record Ticket(string State, string User, string RedirectUri, DateTimeOffset Expires);

    /// <summary>Starts a sign-in: sets the cookie and answers the state to send to the dialog.</summary>
    public string Begin(HttpContext http, string redirectUri)
    {
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var ticket = JsonSerializer.Serialize(new Ticket(state, UserOf(http), redirectUri, clock.GetUtcNow() + Lifetime));
        http.Response.Cookies.Append(CookieName, _protector.Protect(ticket), Options(http));
        return state;
    }

    /// <summary>True when <paramref name="state"/> is the one this browser's administrator started, unused and not expired; the cookie is spent either way.</summary>
    public bool TryComplete(HttpContext http, string? state, out string redirectUri)
    {
        redirectUri = "";
        var cookie = http.Request.Cookies[CookieName];
        http.Response.Cookies.Delete(CookieName, Options(http));
        if (string.IsNullOrEmpty(cookie) || string.IsNullOrEmpty(state))
        {
            return false;
        }

        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(_protector.Unprotect(cookie));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return false; // tampered with, or from another key ring
        }

        var now = clock.GetUtcNow();
        foreach (var (used, until) in _used.Where(u => u.Value < now).ToList())
        {
            _used.TryRemove(used, out _);
        }

        if (ticket is null || ticket.Expires <= now || !SharedSecret.Matches(ticket.State, state) || ticket.User != UserOf(http) || !_used.TryAdd(ticket.State, now + Lifetime))
        {
            return false;
        }

        redirectUri = ticket.RedirectUri;
        return true;
    }

    private static string UserOf(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.Identity?.Name ?? "";

    // Lax: the callback is a top-level navigation back from facebook.com, which carries Lax cookies.
    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/settings/meta", IsEssential = true,
    };
}
