using GAssistant.Hub.Auth;
using GAssistant.Hub.Backup;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Backup;

/// <summary>
/// docs/deploy.md, "Moving to PostgreSQL": a SQLite hub with a row in every table is copied by
/// <c>migrate-to-postgres</c> into the real PostgreSQL server the tests start, and a hub started on PostgreSQL
/// with the same keys shows the same data, signs the same person in and takes new webhooks.
/// </summary>
public sealed class MigrateToPostgresTests : IDisposable
{
    private const string StoredKey = "gah_made-in-settings-before-the-move";

    private readonly string _data = Directory.CreateTempSubdirectory("gah-move-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Every_table_is_copied_and_the_hub_carries_on_on_postgres()
    {
        var target = await PostgresServer.CreateDatabaseAsync();
        await using (var sqlite = await HubFactory.CreateAsync(HubProvider.Sqlite, OwnData()))
        {
            var sender = new OdooWebhookSender(sqlite.CreateAnonymousClient(), TimeProvider.System);
            Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: 42, writeDate: "2026-11-20 10:00:00"))).StatusCode);
            await Eventually.ReturnsAsync(() => sqlite.WithDbAsync(db => db.Leads.CountAsync()), n => n == 1);
            await sqlite.WithDbAsync(AddARowToEveryOtherTableAsync);

            var whileRunning = Run(target);
            Assert.Equal(3, whileRunning.ExitCode);
            Assert.Contains("a hub is running", whileRunning.Error, StringComparison.Ordinal);
        }

        var sqliteFile = Path.Combine(_data, "hub.db");
        var tables = await SqliteTablesAsync(sqliteFile);
        Assert.All(tables, t => Assert.True(t.Rows > 0, $"{t.Name} has no row to copy: add one in {nameof(AddARowToEveryOtherTableAsync)}"));

        var moved = Run(target);
        Assert.True(moved.ExitCode == 0, moved.Error);

        await using var postgres = await HubFactory.CreateAsync(HubProvider.Postgres, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = target,
            ["DataProtection:KeysPath"] = Path.Combine(_data, "keys"),
        });
        foreach (var (table, rows) in tables)
        {
            Assert.Equal((table, rows), (table, await postgres.WithDbAsync(db => Task.FromResult(TableCopy.Count(db, table)))));
        }

        using var api = postgres.CreateClient(new() { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", StoredKey);
        var leads = await api.GetFromJsonAsync<JsonElement>("/api/odoo/leads");
        Assert.Equal(42, leads.GetProperty("leads")[0].GetProperty("id").GetInt64());

        var browser = postgres.CreateAnonymousClient();
        var signIn = await AuthTests.PostLoginAsync(browser, await browser.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal("/crm", signIn.Headers.Location?.OriginalString);

        // The identity sequences go on after the copied ids: new rows do not collide with them.
        var sender2 = new OdooWebhookSender(postgres.CreateAnonymousClient(), TimeProvider.System);
        Assert.Equal(HttpStatusCode.OK, (await sender2.SendAsync(OdooWebhookSender.LeadEvent(id: 43))).StatusCode);
        await postgres.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey { Name = "after the move", Prefix = "gah_afte", KeyHash = ApiKeyHashes.Hash("gah_after"), CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        await Eventually.ReturnsAsync(() => postgres.WithDbAsync(db => db.Leads.CountAsync()), n => n == 2);
    }

    [Fact]
    public async Task A_postgres_database_that_holds_data_is_refused()
    {
        var target = await PostgresServer.CreateDatabaseAsync();
        await using (var filled = await HubFactory.CreateAsync(HubProvider.Postgres, new Dictionary<string, string?> { ["ConnectionStrings:Hub"] = target }))
        {
            _ = filled.Server; // migrates and creates the first admin
        }

        await using (var sqlite = await HubFactory.CreateAsync(HubProvider.Sqlite, OwnData()))
        {
            _ = sqlite.Server;
        }

        var result = Run(target);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("already holds data", result.Error, StringComparison.Ordinal);
    }

    private Dictionary<string, string?> OwnData() => new()
    {
        ["Hub:DataPath"] = _data,
        ["ConnectionStrings:Hub"] = $"Data Source={Path.Combine(_data, "hub.db")}",
        ["DataProtection:KeysPath"] = Path.Combine(_data, "keys"),
    };

    private CommandResult Run(string target)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = MigrateToPostgresCommand.Run([target, $"--Hub:DataPath={_data}"], output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }

    private static async Task<int> AddARowToEveryOtherTableAsync(HubDbContext db)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(now);
        db.SaleOrders.Add(new SaleOrder { OdooId = 7, Name = "S00007", State = "sale", AmountTotal = 1150.5m, OpportunityId = 42, SourceVersion = now, SyncedAt = now });
        db.ApiKeys.Add(new ApiKey { Name = "تقارير", Prefix = StoredKey[..8], KeyHash = ApiKeyHashes.Hash(StoredKey), CreatedAt = now });
        db.OutboxMessages.Add(new OutboxMessage { Kind = "meta.lead_to_odoo", DedupKey = "lead-1", Payload = "{}", CreatedAt = now, NextAttemptAt = now.AddYears(1), Attempts = 1 });
        db.SyncStates.Add(new SyncState { Name = "move.marker", Value = "kept", UpdatedAt = now });
        db.Jobs.Add(new Job { Id = Guid.NewGuid(), Kind = "odoo-sync", Status = JobStatus.Succeeded, Progress = 100, CreatedAt = now });
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "9001", OdooLeadId = 42, CampaignId = "c1", LinkedAt = now });
        db.MetaCampaigns.Add(new MetaCampaign { Id = "c1", AdAccountId = "act_1", Name = "حملة الشتاء", Currency = "SAR", SyncedAt = now });
        db.MetaDailyInsights.Add(new MetaDailyInsight { CampaignId = "c1", Date = day, AdAccountId = "act_1", Spend = 120.25m, Leads = 3, Currency = "SAR", SyncedAt = now });
        db.MetaAdDailyInsights.Add(new MetaAdDailyInsight { AdAccountId = "act_1", AdId = "ad1", Date = day, AdsetId = "as1", CampaignId = "c1", Spend = 60m, Currency = "SAR", SyncedAt = now });
        db.MetaPlacementDailyInsights.Add(new MetaPlacementDailyInsight
        {
            CampaignId = "c1", Date = day, PublisherPlatform = "instagram", PlatformPosition = "instagram_stories", AdAccountId = "act_1", Spend = 40.5m, Leads = 1,
            Currency = "SAR", SyncedAt = now,
        });
        db.MetaAdAccounts.Add(new MetaAdAccount { Id = "act_1", Name = "Main", Currency = "SAR", SyncedAt = now });
        db.MetaLeadForms.Add(new MetaLeadForm { Id = "f1", PageId = "p1", Name = "نموذج", SyncedAt = now });
        db.ScoringModelVersions.Add(new ScoringModelVersion { TrainedAt = now, Model = [1, 2, 3], TrainingRows = 60, WonRows = 30, LostRows = 30 });
        db.CurrencyRates.Add(new CurrencyRate { Currency = "USD", Date = day, Rate = 0.2666m, OdooId = 2, SyncedAt = now });
        db.CrmStages.Add(new CrmStage { OdooId = 1, Name = "جديد", Sequence = 1, SyncedAt = now });
        db.Invitations.Add(new Invitation { Email = "sara@example.com", Role = HubRoles.Viewer, TokenHash = "ab12", InvitedBy = TestSecrets.AdminEmail, CreatedAt = now, ExpiresAt = now.AddDays(7) });
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = TestSecrets.AdminEmail, Action = "user.invited", Subject = "sara@example.com" });
        db.ConnectionSettings.Add(new ConnectionSetting { Key = "Meta:AppId", Value = "1234567890", UpdatedAt = now, UpdatedBy = TestSecrets.AdminEmail });
        return await db.SaveChangesAsync();
    }

    private static async Task<List<(string Name, long Rows)>> SqliteTablesAsync(string file)
    {
        var names = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = new SqliteCommand(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        var tables = new List<(string, long)>();
        foreach (var name in names)
        {
            tables.Add((name, await HubSqliteFile.CountAsync(file, name)));
        }

        return tables;
    }
}
