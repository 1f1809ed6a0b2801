using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary><c>GET /api/odoo/leads</c> filters and paging, and <c>GET /api/crm/summary</c>, over a seeded replica.</summary>
public abstract class LeadsApiTests(HubProvider provider) : HubTest(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Hub.WithDbAsync(async db =>
        {
            db.Leads.AddRange(
                Lead(1, "استفسار عن الخدمات", "Qualified", "Facebook", "Ramadan", 50000, 75, new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc)),
                Lead(2, "Website enquiry", "New", "Website", null, 10000, 10, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc)),
                Lead(3, "Big deal", "Won", "Facebook", "Ramadan", 20000, 100, new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc), won: true),
                Lead(4, "Old lead", "New", "Facebook", "Summer", 5000, 20, new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc)),
                Lead(5, "Deleted lead", "New", "Facebook", "Ramadan", 99999, 50, new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc), deleted: true));
            return await db.SaveChangesAsync();
        });
    }

    private static Lead Lead(long id, string name, string stage, string source, string? campaign, decimal revenue, double probability, DateTime created, bool won = false, bool deleted = false) => new()
    {
        OdooId = id, Name = name, StageName = stage, Source = source, Campaign = campaign, ExpectedRevenue = revenue, Probability = probability,
        CreateDate = created, WriteDate = created, IsWon = won, Deleted = deleted, Currency = "SAR", Email = $"lead{id}@example.com",
        SourceVersion = created, SyncedAt = created,
    };

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await Hub.CreateApiClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static long[] Ids(JsonElement list) => list.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public async Task Leads_are_listed_newest_first_without_deleted_ones()
    {
        var ids = Ids(await GetAsync("/api/odoo/leads"));
        Assert.Equal(new long[] { 3, 2, 1, 4 }, ids);
    }

    [Theory]
    [InlineData("?source=Facebook", new long[] { 3, 1, 4 })]
    [InlineData("?campaign=Ramadan", new long[] { 3, 1 })]
    [InlineData("?stage=New", new long[] { 2, 4 })]
    [InlineData("?from=2026-11-01&to=2026-11-02", new long[] { 2, 1 })]
    [InlineData("?q=الخدمات", new long[] { 1 })]
    [InlineData("?q=website", new long[] { 2 })]
    [InlineData("?q=LEAD4@EXAMPLE", new long[] { 4 })]
    public async Task Filters_narrow_the_list(string query, long[] expected)
    {
        var ids = Ids(await GetAsync("/api/odoo/leads" + query));
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Pages_split_the_list_and_total_counts_all_matches()
    {
        var second = await GetAsync("/api/odoo/leads?page=2&page_size=3");
        Assert.Equal(new long[] { 4 }, Ids(second));
        Assert.Equal(4, second.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page_size=100000", "page_size")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-11-05&to=2026-11-01", "to")]
    public async Task Bad_filters_get_400_naming_the_field(string query, string field)
    {
        var response = await Hub.CreateApiClient().GetAsync("/api/odoo/leads" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_summary_adds_up_the_filtered_leads()
    {
        var summary = await GetAsync("/api/crm/summary?from=2026-11-01&to=2026-11-30");
        Assert.Equal(3, summary.GetProperty("total_leads").GetInt32());
        Assert.Equal(80000m, summary.GetProperty("expected_revenue").GetDecimal());
        Assert.Equal(58500m, summary.GetProperty("weighted_revenue").GetDecimal()); // 50000×.75 + 10000×.10 + 20000×1
        Assert.Equal(61.67, summary.GetProperty("avg_probability").GetDouble(), 2);
        Assert.Equal(1, summary.GetProperty("won").GetInt32());
        Assert.Equal(33.33, summary.GetProperty("conversion_rate").GetDouble(), 2);
        Assert.Equal("SAR", summary.GetProperty("currency").GetString());
        var facebook = summary.GetProperty("by_source").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "Facebook");
        Assert.Equal(2, facebook.GetProperty("leads").GetInt32());
        Assert.Equal(1, facebook.GetProperty("won").GetInt32());
        Assert.Equal(3, summary.GetProperty("by_stage").GetArrayLength());
    }

    [Fact]
    public async Task An_empty_range_gives_zeros_not_an_error()
    {
        var summary = await GetAsync("/api/crm/summary?from=2020-01-01&to=2020-01-31");
        Assert.Equal(0, summary.GetProperty("total_leads").GetInt32());
        Assert.Equal(0, summary.GetProperty("conversion_rate").GetDouble());
    }
}

public sealed class LeadsApiTestsOnSqlite() : LeadsApiTests(HubProvider.Sqlite);

public sealed class LeadsApiTestsOnPostgres() : LeadsApiTests(HubProvider.Postgres);
