using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Data;

/// <summary>
/// Upgrades keep data. Each folder of <c>Data/Upgrades/</c> is a database made and filled by an earlier release
/// of the hub (its own migrations, its own webhook endpoint; see the README there). Today's hub starts on it,
/// migrates it, and must show the same leads, inbox, outbox, users, API keys and settings, and go on working.
/// </summary>
public abstract class UpgradeTests(HubProvider provider)
{
    /// <summary>The API key stored (hashed) by the fixture's fill.sql.</summary>
    private const string FixtureApiKey = "gah_upgrade-fixture-key-0123456789";

    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Data", "Upgrades");

    public static TheoryData<string> Releases() =>
        new(Directory.GetDirectories(Fixtures).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void There_is_a_fixture_for_an_earlier_release() => Assert.NotEmpty(Releases());

    [Theory]
    [MemberData(nameof(Releases))]
    public async Task A_database_of_an_earlier_release_keeps_its_data_and_works_after_the_upgrade(string release)
    {
        await using var hub = await HubFactory.CreateAsync(provider);
        await LoadAsync(hub, Path.Combine(Fixtures, release));

        using var api = hub.CreateClient(new() { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", FixtureApiKey);
        var leads = (await api.GetFromJsonAsync<JsonElement>("/api/odoo/leads?page_size=100")).GetProperty("leads").EnumerateArray().ToList();
        Assert.Equal([101, 102], leads.Select(l => l.GetProperty("id").GetInt64()).Order());
        var arabic = leads.Single(l => l.GetProperty("id").GetInt64() == 101);
        Assert.Equal("استفسار عن الخدمات", arabic.GetProperty("name").GetString());
        Assert.Equal("مؤهل", arabic.GetProperty("stage").GetString());
        Assert.Equal(75, arabic.GetProperty("probability").GetDouble());

        var summary = await api.GetFromJsonAsync<JsonElement>("/api/crm/summary?from=2026-11-01&to=2026-11-30");
        Assert.Equal(2, summary.GetProperty("total_leads").GetInt32());
        Assert.Equal(62000, summary.GetProperty("expected_revenue").GetDecimal());

        var login = hub.CreateAnonymousClient();
        var signIn = await AuthTests.PostLoginAsync(login, await login.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal("/crm", signIn.Headers.Location?.OriginalString);

        await hub.WithDbAsync(async db =>
        {
            // The first admin of a release before people and roles (issue 17) is still an administrator.
            Assert.Equal(HubRoles.Admin, (await db.Users.SingleAsync()).Role);
            Assert.Equal("مفتاح التقارير", (await db.ApiKeys.SingleAsync()).Name);
            var failed = await db.InboxEvents.SingleAsync(e => e.DeliveryId == "msg_fixture_failed");
            Assert.Equal(InboxStatus.Failed, failed.Status);
            Assert.Equal(7, await db.InboxEvents.CountAsync());
            var owed = await db.OutboxMessages.SingleAsync(m => m.DedupKey == "fixture-meta-lead-9001");
            Assert.Equal((OutboxStatus.Pending, 2), (owed.Status, owed.Attempts));
            Assert.Equal("kept across the upgrade", (await db.SyncStates.SingleAsync(s => s.Name == "fixture.marker")).Value);
            var order = await db.SaleOrders.SingleAsync(o => o.OdooId == 501);
            Assert.Equal((12000m, 102L), (order.AmountTotal, order.OpportunityId!.Value));
            return true;
        });

        // It works on: a repeated delivery is still recognised, and a new one is applied.
        var sender = new OdooWebhookSender(hub.CreateAnonymousClient(), TimeProvider.System);
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: 101), webhookId: "msg_fixture_1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(
            OdooWebhookSender.LeadEvent(id: 102, stage: "Negotiation", writeDate: "2026-11-20 10:00:00", revenue: 15000))).StatusCode);
        await Eventually.ReturnsAsync(() => hub.WithDbAsync(db => db.Leads.SingleAsync(l => l.OdooId == 102)), l => l.StageName == "Negotiation");
        Assert.Equal(8, await hub.WithDbAsync(db => db.InboxEvents.CountAsync()));
    }

    private async Task LoadAsync(HubFactory hub, string fixture)
    {
        if (provider == HubProvider.Postgres)
        {
            await PostgresServer.RunToolAsync("psql", hub.ConnectionString, "-v", "ON_ERROR_STOP=1", "-q", "-f", Path.Combine(fixture, "postgres.sql"));
            return;
        }

        var file = new SqliteConnectionStringBuilder(hub.ConnectionString).DataSource;
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(await File.ReadAllTextAsync(Path.Combine(fixture, "sqlite.sql")), connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class UpgradeTestsOnSqlite() : UpgradeTests(HubProvider.Sqlite);

public sealed class UpgradeTestsOnPostgres() : UpgradeTests(HubProvider.Postgres);
