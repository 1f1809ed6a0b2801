using System.Globalization;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace GAssistant.Hub.Components;

public static class ComponentsRegistration
{
    public static WebApplicationBuilder AddHubComponents(this WebApplicationBuilder builder)
    {
        // Package assets (MudBlazor, blazor.web.js) come from the build's static web assets manifest when the hub runs
        // from build output in any environment (tests, `dotnet bin/.../GAssistant.Hub.dll`); a published hub has no such
        // manifest and serves them from wwwroot, where this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, HubMudLocalizer>();
        builder.Services.AddSingleton<HubReads>();
        builder.Services.AddSingleton<SetupProgress>();
        builder.Services.AddScoped<IConnectionAudit, ConnectionAuditEntries>();
        builder.Services.AddSingleton<DataChangeFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataChangeFeed>());
        builder.Services.AddLocalization();
        builder.Services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var defaultLanguage = HubCultures.For(builder.Configuration[$"{HubOptions.Section}:DefaultLanguage"] is "en" ? "en" : "ar");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // CONTRACT.md: the .AspNetCore.Culture cookie, then Accept-Language, then Hub:DefaultLanguage. The
            // middleware hands out these very instances, so every page and component formats with the hub's digits.
            CultureInfo[] cultures = [HubCultures.Arabic, HubCultures.English];
            o.DefaultRequestCulture = new RequestCulture(defaultLanguage, defaultLanguage);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Content-Language on every response: the service worker shows the offline page in the language of the
            // last page the hub sent.
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        return builder;
    }

    public static WebApplication MapHubComponents(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapInstallableApp();
        app.MapGet("/culture/{culture}", SetCulture).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", () => TypedResults.LocalRedirect("/crm")).ExcludeFromDescription();
        app.MapFallback(NotFound).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// An address nothing answers: a browser gets the 404 page in the reader's language; <c>/api/*</c> and other
    /// clients keep RFC 9457 problem details (the status code pages write them for the bare 404).
    /// </summary>
    private static IResult NotFound(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api")
            && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? new RazorComponentResult<Pages.NotFoundDocument> { StatusCode = StatusCodes.Status404NotFound }
            : TypedResults.NotFound();

    /// <summary>The language switch: sets the culture cookie and goes back where the user was.</summary>
    private static IResult SetCulture(string culture, string? returnUrl, HttpContext http)
    {
        if (culture is not ("ar" or "en"))
        {
            return TypedResults.BadRequest();
        }

        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
        return TypedResults.LocalRedirect(LocalUrl.OrDefault(returnUrl, "/crm"));
    }

    public static bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
}
