namespace GAssistant.Hub.Operations;

/// <summary>
/// The Content-Security-Policy every response carries (the API reference at <c>/scalar</c>, a page
/// of inline scripts that no signed-in data reaches, excepted): scripts only from the hub's own files,
/// no inline script, no <c>eval</c>, so even markup that escaped escaping cannot run. What Blazor Server
/// and MudBlazor need is allowed and no more: the circuit's WebSocket to the same origin (<c>connect-src
/// 'self'</c>), and inline styles (<c>style-src 'unsafe-inline'</c>), because MudBlazor writes its theme as
/// a <c>&lt;style&gt;</c> element and positions popovers and charts with <c>style</c> attributes; a style
/// cannot run code. Icons are inline SVG and <c>data:</c> images. The service worker and the web app
/// manifest come from the hub itself (<c>worker-src</c>, <c>manifest-src 'self'</c>).
/// https://learn.microsoft.com/aspnet/core/blazor/security/content-security-policy
/// </summary>
internal static class ContentSecurityPolicy
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/scalar"))
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
        }

        return next(http);
    });
}
