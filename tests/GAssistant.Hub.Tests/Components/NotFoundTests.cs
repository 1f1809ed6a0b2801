namespace GAssistant.Hub.Tests.Components;

/// <summary>A mistyped address: a page in the reader's language for a browser, problem details for the API.</summary>
public sealed class NotFoundTests : HubTest
{
    public NotFoundTests() : base(HubProvider.Sqlite)
    {
    }

    [Theory]
    [InlineData("ar", "الصفحة غير موجودة", "rtl")]
    [InlineData("en", "Page not found", "ltr")]
    public async Task A_browser_gets_a_404_page_in_its_language(string language, string title, string direction)
    {
        var client = await TestPeople.AdminAsync(Hub);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/crm/no-such-page");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains($"dir=\"{direction}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keeps_problem_details_for_an_unknown_route()
    {
        var client = Hub.CreateApiClient();
        var response = await client.GetAsync("/api/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
