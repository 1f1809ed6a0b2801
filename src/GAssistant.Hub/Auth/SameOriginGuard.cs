using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Auth;

/// <summary>
/// Cross-site request forgery on the API: the login cookie is <c>SameSite=Lax</c>, which another origin
/// of the same site (or an old browser) still gets sent with a form post. An unsafe <c>/api/*</c> request
/// that does not carry a bearer key must come from the hub's own pages: browsers say where a request
/// comes from in <c>Sec-Fetch-Site</c> (https://www.w3.org/TR/fetch-metadata/) and in <c>Origin</c>
/// (https://www.rfc-editor.org/rfc/rfc6454#section-7), and neither can be set by a page. A client that
/// sends neither is not a browser, and cannot have been tricked by one. Webhooks have no cookie and
/// are authenticated by signature.
/// </summary>
internal static class SameOriginGuard
{
    public static IApplicationBuilder UseSameOriginApi(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsCrossSite(http.Request))
        {
            await ApiProblems.Problem(StatusCodes.Status403Forbidden, "Cross-site request refused",
                    "This API request came from another site. Call the API with Authorization: Bearer <api key>, or from the hub's own pages.")
                .ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    internal static bool IsCrossSite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/api/webhook")
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
