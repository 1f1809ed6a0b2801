using System.Security.Claims;
using GAssistant.Hub.Meta.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Meta.Setup;

/// <summary>
/// The OAuth state of "Connect with Facebook" (RFC 6749 §10.12; https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow):
/// bound to the administrator and the browser that started it, single use, and void after ten minutes.
/// </summary>
public sealed class MetaOAuthStateTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MetaOAuthState _state;

    public MetaOAuthStateTests() => _state = new MetaOAuthState(new EphemeralDataProtectionProvider(), _clock);

    private static DefaultHttpContext Request(string user, string? cookie = null)
    {
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test")) };
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = $"{MetaOAuthState.CookieName}={cookie}";
        }

        return http;
    }

    private (string State, string Cookie) Begin(string user = "1")
    {
        var http = Request(user);
        var state = _state.Begin(http, "https://hub.example.com/settings/meta/callback");
        var header = http.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", header, StringComparison.OrdinalIgnoreCase);
        var cookie = header.Split(';')[0][(MetaOAuthState.CookieName.Length + 1)..];
        return (state, cookie);
    }

    [Fact]
    public void The_state_started_by_this_administrator_completes_once_with_its_redirect_uri()
    {
        var (state, cookie) = Begin();

        Assert.True(_state.TryComplete(Request("1", cookie), state, out var redirect));
        Assert.Equal("https://hub.example.com/settings/meta/callback", redirect);
        Assert.False(_state.TryComplete(Request("1", cookie), state, out _));
    }

    [Fact]
    public void Another_state_another_user_or_no_cookie_is_refused()
    {
        var (state, cookie) = Begin();

        Assert.False(_state.TryComplete(Request("1", cookie), state + "x", out _));
        Assert.False(_state.TryComplete(Request("2", cookie), state, out _));
        Assert.False(_state.TryComplete(Request("1"), state, out _));
        Assert.False(_state.TryComplete(Request("1", cookie[..^4] + "AAAA"), state, out _));
    }

    [Fact]
    public void A_state_older_than_ten_minutes_is_refused()
    {
        var (state, cookie) = Begin();

        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.False(_state.TryComplete(Request("1", cookie), state, out _));
    }
}
