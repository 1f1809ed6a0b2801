using System.Text.Json.Nodes;
using GAssistant.Hub.Backup;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Meta;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Backup;

/// <summary><c>backup</c> and <c>restore</c> refuse what would lose or damage data, and say why.</summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("gah-restore-").FullName;
    private HubFactory _hub = default!;

    private string BackupFolder => Path.Combine(_root, "backup");

    private string Fresh => Path.Combine(_root, "fresh");

    public async Task InitializeAsync()
    {
        _hub = await HubFactory.CreateAsync(HubProvider.Sqlite);
        var sender = new OdooWebhookSender(_hub.CreateAnonymousClient(), TimeProvider.System);
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(OdooWebhookSender.LeadEvent(id: 7), webhookId: "msg_7")).StatusCode);
        Assert.Equal(0, Run(BackupCommand.Run, BackupFolder, _hub.DataPath).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task The_backup_lists_the_database_and_the_keys_with_their_checksums()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(BackupFolder, "manifest.json")))!;
        var files = manifest["files"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).ToList();

        Assert.Contains("hub.db", files);
        Assert.Contains(files, f => f.StartsWith("keys/key-", StringComparison.Ordinal));
        Assert.All(manifest["files"]!.AsArray(), f => Assert.Matches("^[0-9a-f]{64}$", f!["sha256"]!.GetValue<string>()));
        Assert.Equal(await _hub.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Last())), manifest["last_migration"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(manifest["hub_version"]!.GetValue<string>()));
    }

    [Fact]
    public void A_backup_whose_database_was_changed_is_refused_and_nothing_is_restored()
    {
        using (var file = File.Open(Path.Combine(BackupFolder, "hub.db"), FileMode.Open))
        {
            file.Seek(-100, SeekOrigin.End);
            file.WriteByte(0x5a);
        }

        var result = Run(RestoreCommand.Run, BackupFolder, Fresh);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hub.db no longer match", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Fresh, "hub.db")));
    }

    [Fact]
    public void A_backup_made_by_a_newer_hub_is_refused()
    {
        var path = Path.Combine(BackupFolder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["last_migration"] = "29991231000000_FromTheFuture";
        File.WriteAllText(path, manifest.ToJsonString());

        var result = Run(RestoreCommand.Run, BackupFolder, Fresh);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("newer hub", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_over_a_stopped_hub_keeps_the_database_that_was_there()
    {
        Assert.Equal(0, Run(RestoreCommand.Run, BackupFolder, Fresh).ExitCode);
        var second = Run(RestoreCommand.Run, BackupFolder, Fresh);

        Assert.Equal(0, second.ExitCode);
        var kept = Assert.Single(Directory.GetFiles(Fresh, "hub.db.before-restore-*"));
        Assert.Contains(kept, second.Output, StringComparison.Ordinal);
        Assert.Equal(1, await HubSqliteFile.CountAsync(kept, "inbox_events"));
        Assert.Equal(1, await HubSqliteFile.CountAsync(Path.Combine(Fresh, "hub.db"), "inbox_events"));
    }

    [Fact]
    public async Task A_restored_hub_reads_the_connections_saved_in_settings_and_their_secrets()
    {
        var saved = await _hub.Services.GetRequiredService<ConnectionSettings>().SaveAsync(
            new ConnectionChange().Set("Meta:VerifyToken", "verify-me-0123456789").Set("Meta:AppSecret", "secret-saved-in-settings"), TestPeople.Admin, CancellationToken.None);
        Assert.True(saved.Saved, string.Join(" ", saved.Errors));
        var backup = Path.Combine(_root, "with-connections");
        Assert.Equal(0, Run(BackupCommand.Run, backup, _hub.DataPath).ExitCode);
        Assert.Equal(0, Run(RestoreCommand.Run, backup, Fresh).ExitCode);

        await using var restored = await HubFactory.CreateAsync(HubProvider.Sqlite, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hub"] = $"Data Source={Path.Combine(Fresh, "hub.db")}",
            ["Hub:DataPath"] = Fresh,
            ["DataProtection:KeysPath"] = Path.Combine(Fresh, "keys"),
        });

        // The secret is stored encrypted; only the restored keys make it readable again.
        var meta = restored.Services.GetRequiredService<IOptionsMonitor<MetaOptions>>().CurrentValue;
        Assert.Equal(("verify-me-0123456789", "secret-saved-in-settings"), (meta.VerifyToken, meta.AppSecret));
    }

    [Fact]
    public void A_backup_into_a_folder_that_is_not_empty_is_refused()
    {
        var result = Run(BackupCommand.Run, BackupFolder, _hub.DataPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_manifest_is_not_a_backup()
    {
        File.Delete(Path.Combine(BackupFolder, "manifest.json"));

        var result = Run(RestoreCommand.Run, BackupFolder, Fresh);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a finished backup", result.Error, StringComparison.Ordinal);
    }

    private static CommandResult Run(Func<string[], TextWriter, TextWriter, int> command, string folder, string dataPath)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = command([folder, $"--Hub:DataPath={dataPath}"], output, error);
        return new CommandResult(exitCode, output.ToString(), error.ToString());
    }
}
