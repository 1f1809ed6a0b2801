using System.Security.Claims;
using System.Text.Encodings.Web;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c> with a key from configuration (<c>Auth:ApiKeys</c>) or one
/// made in Settings (stored as a SHA-256 hash, revocable).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth,
    CredentialThrottle throttle,
    HubDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    private bool _blocked;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (throttle.IsBlocked(Context))
        {
            _blocked = true;
            return AuthenticateResult.Fail("Too many wrong keys from this address.");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (presented.Length == 0)
        {
            throttle.RecordFailure(Context);
            return AuthenticateResult.Fail("Empty bearer token.");
        }

        var configured = auth.CurrentValue.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).ToList();
        var matchIndex = configured.FindIndex(k => SharedSecret.Matches(k, presented));
        if (matchIndex >= 0)
        {
            return Success($"config-key-{matchIndex}");
        }

        var hash = ApiKeyHashes.Hash(presented);
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (stored is null)
        {
            throttle.RecordFailure(Context);
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        return Success($"api-key-{stored.Id}");
    }

    /// <summary>401 problem details for a wrong key, 429 once this address has guessed too often.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problem = _blocked
            ? throttle.TooManyFailures(Context)
            : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The API key is missing, wrong or revoked.");
        await problem.ExecuteAsync(Context);
    }

    private static AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim("auth_method", "api_key"), new Claim(ClaimTypes.Role, HubRoles.Admin)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
