namespace GAssistant.Hub.Tests.Crm;

/// <summary>Issue 13, 3: the lead list, the CSV and the summary answer impossible filters with 400 naming them.</summary>
public abstract class LeadQueryHostileInputTests(HostileHub fixture)
{
    [Theory]
    [InlineData("/api/odoo/leads?to=9999-12-31", "to")]
    [InlineData("/api/crm/leads.csv?to=9999-12-31", "to")]
    [InlineData("/api/crm/summary?to=9999-12-31", "to")]
    [InlineData("/api/crm/summary?from=9999-12-31T23:59:59Z", "from")]
    [InlineData("/api/odoo/leads?q=%00", "q")]
    [InlineData("/api/crm/summary?stage=a%00b", "stage")]
    public async Task An_impossible_filter_is_a_400_naming_it(string url, string field)
    {
        await HostileHub.AssertProblemNamingAsync(await fixture.Hub.CreateApiClient().GetAsync(url), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_last_date_a_filter_takes_still_answers()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Hub.CreateApiClient().GetAsync("/api/odoo/leads?from=1900-01-01&to=2999-12-31")).StatusCode);
    }
}

public sealed class LeadQueryHostileInputTestsOnSqlite(SqliteHostileHub hub) : LeadQueryHostileInputTests(hub), IClassFixture<SqliteHostileHub>;

public sealed class LeadQueryHostileInputTestsOnPostgres(PostgresHostileHub hub) : LeadQueryHostileInputTests(hub), IClassFixture<PostgresHostileHub>;
