using System.Globalization;
using System.Reflection;
using GAssistant.Hub.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace GAssistant.Hub.Components;

/// <summary>
/// What makes the hub an app a phone can install (issue 22): the web app manifest in the reader's language and
/// direction, and the offline pages the service worker (wwwroot/service-worker.js, registered by wwwroot/pwa.js)
/// keeps and shows when the hub cannot be reached. Both are anonymous: the browser fetches the manifest on the sign-in
/// page too, and the service worker keeps the offline pages before anyone signs in.
/// </summary>
public static class InstallableApp
{
    public const string ManifestContentType = "application/manifest+json";

    /// <summary>
    /// This build's version (the commit it was built from): the service worker's address carries it, so a new deploy
    /// installs a new worker whose cache replaces the old one.
    /// </summary>
    public static string Version { get; } =
        typeof(InstallableApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    /// <summary>The address pwa.js registers the service worker at: the site's root, so it answers for every page.</summary>
    public static string ServiceWorkerUrl => "/service-worker.js?v=" + Uri.EscapeDataString(Version);

    public static WebApplication MapInstallableApp(this WebApplication app)
    {
        app.MapGet("/manifest.webmanifest", Manifest).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/offline/{language}", Offline).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The manifest in the request's language (the culture cookie, then Accept-Language; App.razor's link sends the
    /// cookie with <c>crossorigin="use-credentials"</c>). Its <c>id</c> is the start page, the id the static manifest
    /// had, so a phone that installed the hub before keeps one app.
    /// </summary>
    private static JsonHttpResult<WebAppManifest> Manifest(HttpContext http, IStringLocalizer<SharedResource> l)
    {
        var culture = CultureInfo.CurrentUICulture;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Vary = "Cookie, Accept-Language";
        var manifest = new WebAppManifest(
            Id: "/crm",
            Name: l["AppName"],
            ShortName: l["AppShortName"],
            Description: l["Login.Tagline"],
            Lang: culture.TwoLetterISOLanguageName,
            Dir: culture.TextInfo.IsRightToLeft ? "rtl" : "ltr",
            StartUrl: "/crm",
            Scope: "/",
            Display: "standalone",
            BackgroundColor: "#f5f7fb",
            ThemeColor: "#1d4fc4",
            Icons:
            [
                new("/icon.svg", "any", "image/svg+xml", "any"),
                new("/icon-192.png", "192x192", "image/png", "any"),
                new("/icon-512.png", "512x512", "image/png", "any"),
                new("/icon-maskable-512.png", "512x512", "image/png", "maskable"),
            ]);
        return TypedResults.Json(manifest, contentType: ManifestContentType);
    }

    /// <summary>The page the service worker shows in place of one the hub could not be reached for, in one language.</summary>
    private static IResult Offline(string language, HttpContext http)
    {
        if (language is not ("ar" or "en"))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ContentLanguage = language;
        return new RazorComponentResult<Pages.OfflineDocument>(new { Language = language });
    }

    public sealed record WebAppManifest(
        string Id, string Name, string ShortName, string Description, string Lang, string Dir, string StartUrl, string Scope,
        string Display, string BackgroundColor, string ThemeColor, IReadOnlyList<ManifestIcon> Icons);

    public sealed record ManifestIcon(string Src, string Sizes, string Type, string Purpose);
}
