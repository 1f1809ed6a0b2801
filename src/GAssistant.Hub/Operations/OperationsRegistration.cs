using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;

namespace GAssistant.Hub.Operations;

/// <summary>Cross-cutting plumbing: JSON, problem details, proxies and HTTPS, OpenAPI, rate limits.</summary>
public static class OperationsRegistration
{
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        // CONTRACT.md: http://127.0.0.1:5080 unless --urls or ASPNETCORE_URLS says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        // Under systemd (deploy/g-assistant-hub.service, Type=notify): "ready" once started, journal-friendly logs.
        // Elsewhere it does nothing.
        builder.Services.AddSystemd();
        builder.Services.AddSingleton<InstanceName>();
        builder.Services.AddOptions<PublicAddressOptions>().BindConfiguration(PublicAddressOptions.Section)
            .Validate(o => o.HasValidUrl, "Hub:PublicUrl must be an absolute http:// or https:// address, e.g. https://hub.example.com.").ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(json => Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.TryAdd("success", false));
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi(o => OpenApiDocument.Configure(o, builder.Configuration["Hub:PublicUrl"]));

        var rateLimits = new RateLimitOptions();
        builder.Configuration.GetSection(RateLimitOptions.Section).Bind(rateLimits);
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHubRateLimits(rateLimits);
        builder.Services.AddSingleton<CredentialThrottle>();

        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // ASP.NET Core trusts loopback as a proxy by default (then any local process, or a proxy on the same
            // machine passing X-Forwarded-For through, chooses the client address the rate limits use), and
            // empty lists mean "trust every proxy". So X-Forwarded-* is read only from the proxies configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds 127.0.0.0/8 by default, and is still consulted
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            o.ForwardedHeaders = proxies.Length + networks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>snake_case names as in CONTRACT.md; Arabic written as UTF-8, HTML-sensitive characters still escaped.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    public static WebApplication UseOperations(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseContentSecurityPolicy();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseQueryTextCheck();
        app.UseRequestLocalization();
        if (ServesHttps(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        return app;
    }

    /// <summary>True when Kestrel has a certificate or an https endpoint in configuration.</summary>
    private static bool ServesHttps(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Certificates:Default").Exists()
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
