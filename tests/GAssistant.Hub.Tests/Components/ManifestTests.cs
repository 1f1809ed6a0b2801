namespace GAssistant.Hub.Tests.Components;

/// <summary>
/// The hub installed on a phone (issue 22): the web app manifest names it in the reader's language and direction,
/// without a sign-in, and the offline pages the service worker keeps are in the language they are for.
/// </summary>
public sealed class ManifestTests : HubTest
{
    public ManifestTests() : base(HubProvider.Sqlite)
    {
    }

    [Theory]
    [InlineData("ar", "مركز G-Assistant لإدارة العملاء", "rtl")]
    [InlineData("en", "G-Assistant CRM Hub", "ltr")]
    public async Task The_manifest_is_in_the_language_of_the_culture_cookie(string language, string name, string direction)
    {
        var client = Hub.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/manifest.webmanifest");
        // The cookie the language switch sets wins over the browser's languages, as on every page.
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{language}%7Cuic%3D{language}");
        request.Headers.AcceptLanguage.ParseAdd(language == "ar" ? "en" : "ar");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(name, manifest.GetProperty("name").GetString());
        Assert.Equal("G-Assistant", manifest.GetProperty("short_name").GetString());
        Assert.Equal(language, manifest.GetProperty("lang").GetString());
        Assert.Equal(direction, manifest.GetProperty("dir").GetString());
        Assert.Equal("/crm", manifest.GetProperty("start_url").GetString());
        Assert.Equal("/crm", manifest.GetProperty("id").GetString());
        Assert.Equal("/", manifest.GetProperty("scope").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());

        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512" && i.GetProperty("purpose").GetString() == "maskable");
        foreach (var icon in icons)
        {
            var image = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Without_a_cookie_the_browser_language_chooses()
    {
        var client = Hub.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/manifest.webmanifest");
        request.Headers.AcceptLanguage.ParseAdd("ar");
        var manifest = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("ar", manifest.GetProperty("lang").GetString());
        Assert.Equal("rtl", manifest.GetProperty("dir").GetString());
    }

    [Theory]
    [InlineData("ar", "المركز غير متصل", "إعادة المحاولة", "rtl")]
    [InlineData("en", "The hub is offline", "Try again", "ltr")]
    public async Task The_offline_page_says_the_hub_is_offline_in_its_language_without_a_sign_in(string language, string title, string retry, string direction)
    {
        var response = await Hub.CreateAnonymousClient().GetAsync($"/offline/{language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(retry, html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\" dir=\"{direction}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(language == "ar" ? "The hub is offline" : "المركز غير متصل", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_two_languages_have_an_offline_page()
    {
        var response = await Hub.CreateAnonymousClient().GetAsync("/offline/fr");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_service_worker_and_its_script_are_served_from_the_root_to_anyone()
    {
        var client = Hub.CreateAnonymousClient();
        foreach (var path in new[] { "/service-worker.js", "/pwa.js" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
