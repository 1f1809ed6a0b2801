using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GAssistant.Hub.Operations;

/// <summary>
/// What <c>/openapi/v1.json</c> says beyond the routes: how to authenticate (a bearer API key or the login
/// cookie; webhooks and health need neither), and where the hub is. The server address is
/// <c>Hub:PublicUrl</c> or none at all, never the request's Host or X-Forwarded-Host, which any caller writes.
/// </summary>
internal static class OpenApiDocument
{
    private const string Bearer = "bearer";
    private const string Cookie = "cookie";

    public static void Configure(OpenApiOptions options, string? publicUrl)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) ? [new OpenApiServer { Url = url.ToString().TrimEnd('/') }] : [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An API key from Auth:ApiKeys or made in Settings: Authorization: Bearer <key>.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "gah_auth",
                Description = "The login cookie of /login; unsafe requests must come from the hub's own pages.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            operation.Security = anonymous
                ? []
                :
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
                ];
            return Task.CompletedTask;
        });
    }
}
