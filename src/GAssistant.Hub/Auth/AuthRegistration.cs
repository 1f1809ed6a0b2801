using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace GAssistant.Hub.Auth;

public static class AuthRegistration
{
    /// <summary>Chooses the API key handler when a bearer token is presented, the login cookie otherwise.</summary>
    private const string HubScheme = "Hub";

    public static WebApplicationBuilder AddHubAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ApiKeysLongEnough, $"Auth:ApiKeys: every key needs at least {AuthOptions.MinApiKeyLength} characters (Settings makes 47-character keys).")
            .ValidateOnStart();

        builder.Services.AddAuthentication(HubScheme)
            .AddPolicyScheme(HubScheme, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = "gah_auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(7);
                o.SlidingExpiration = true;
                // An API caller gets 401/403, not a redirect to a login page.
                o.Events.OnRedirectToLogin = c => ApiAwareRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAwareRedirect(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // Everything needs a signed-in user or an API key unless it says AllowAnonymous
        // (health, webhooks, login, static files).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(HubPolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(HubRoles.Admin));
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, HubAuthenticationStateProvider>();
        builder.Services.AddScoped<Audit>();
        builder.Services.AddScoped<People>();
        builder.Services.AddSingleton<InvitationMailer>();
        builder.Services.AddAntiforgery();

        // Keys that sign login cookies survive restarts; several instances must share this folder.
        // Hub:DataPath/keys unless DataProtection:KeysPath says otherwise; backup and restore carry them.
        builder.Services.AddDataProtection().SetApplicationName("GAssistant.Hub")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.DataLocations().KeysPath));
        return builder;
    }

    public static WebApplication UseHubAuth(this WebApplication app)
    {
        app.SeedAdmin();
        app.UseAuthentication();
        app.UseSameOriginApi();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapLoginEndpoints();
        return app;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // The handler builds an absolute address from the request's Host header; a path needs no host,
            // so a forged Host (or X-Forwarded-Host) cannot send the browser elsewhere.
            var target = Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : context.RedirectUri;
            context.Response.Redirect(LocalUrl.OrDefault(target, "/login"));
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        var problem = status == StatusCodes.Status401Unauthorized
            ? ApiProblems.Problem(status, "Unauthorized", "Sign in at /login or send Authorization: Bearer <api key>.")
            : ApiProblems.Problem(status, "Forbidden", "This account may not do that.");
        return problem.ExecuteAsync(context.HttpContext);
    }
}
