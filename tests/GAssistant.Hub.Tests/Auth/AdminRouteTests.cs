using System.Text.RegularExpressions;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>
/// Every API route that changes something or reads configuration is for administrators. The routes are read from the
/// running hub (its endpoint data source, checked against its OpenAPI document), so a new route is covered the day it
/// is added: it must either be behind the Admin policy or be named here as a dashboard read.
/// </summary>
public sealed partial class AdminRouteTests : IAsyncLifetime
{
    /// <summary>What a viewer may read: the dashboards' figures. Nothing else.</summary>
    private static readonly HashSet<string> ViewerReads =
    [
        "GET /api/odoo/leads", "GET /api/odoo/leads/{id}", "GET /api/meta/campaigns", "GET /api/crm/summary",
        "GET /api/crm/leads.csv", "GET /api/analytics/attribution", "GET /api/jobs/{id}", "GET /api/scoring/model",
    ];

    private HubFactory _hub = null!;

    public async Task InitializeAsync() => _hub = await HubFactory.CreateAsync(HubProvider.Sqlite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public void Every_api_route_is_either_a_dashboard_read_or_behind_the_admin_policy()
    {
        var routes = ApiRoutes();
        Assert.Contains(routes, r => r.Key == "POST /api/odoo/sync");
        var unprotected = routes.Where(r => !r.Admin && !ViewerReads.Contains(r.Key)).Select(r => r.Key).ToList();
        Assert.Empty(unprotected);
        var mislabelled = routes.Where(r => r.Admin && ViewerReads.Contains(r.Key)).Select(r => r.Key).ToList();
        Assert.Empty(mislabelled);
        Assert.All(routes.Where(r => r.Method != "GET"), r => Assert.True(r.Admin, $"{r.Key} changes something but is not behind the Admin policy"));
    }

    [Fact]
    public async Task The_openapi_document_lists_no_route_the_check_does_not_see()
    {
        var keys = ApiRoutes().Select(r => r.Key).ToHashSet();
        var document = await _hub.CreateAnonymousClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal) && !p.Name.StartsWith("/api/webhook", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        Assert.NotEmpty(documented);
        Assert.All(documented, d => Assert.Contains(d, keys));
    }

    [Fact]
    public async Task A_viewer_gets_403_from_every_admin_route_and_reads_the_dashboards()
    {
        var viewer = await TestPeople.ViewerAsync(_hub);
        foreach (var route in ApiRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), Concrete(route.Pattern));
            if (route.Method != "GET")
            {
                request.Content = JsonContent.Create(new { });
            }

            var response = await viewer.SendAsync(request);
            if (route.Admin)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Key} answered a viewer {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            else
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{route.Key} refused a viewer");
            }
        }
    }

    [Fact]
    public async Task An_admin_passes_the_admin_policy()
    {
        var admin = await TestPeople.AdminAsync(_hub);
        var response = await admin.GetAsync("/api/bigquery/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record Route(string Method, string Pattern, string Key, bool Admin);

    private List<Route> ApiRoutes()
    {
        var endpoints = _hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var pattern = Constraint().Replace(e.RoutePattern.RawText!, "}");
                var admin = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == HubPolicies.Admin);
                return new Route(method, e.RoutePattern.RawText!, $"{method} {pattern}", admin);
            }))
            .ToList();
    }

    /// <summary>A route pattern with a value for each parameter (<c>{id:guid}</c> → an empty guid).</summary>
    private static string Concrete(string pattern) =>
        Parameter().Replace(pattern, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? Guid.Empty.ToString() : "1");

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex Parameter();
}
