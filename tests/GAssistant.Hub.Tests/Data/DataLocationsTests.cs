using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Data;

/// <summary>CONTRACT.md <c>Hub:DataPath</c>: where the database and the keys live, whatever the current directory.</summary>
public sealed class DataLocationsTests
{
    private static readonly string AppFolder = Path.Combine(Path.GetTempPath(), "gah-app");

    [Fact]
    public void With_nothing_configured_the_data_is_in_the_application_folder()
    {
        var locations = DataLocations.From(Settings(), AppFolder);

        Assert.Equal(DatabaseKind.Sqlite, locations.Kind);
        Assert.Equal(Path.Combine(AppFolder, "data"), locations.DataPath);
        Assert.Equal(Path.Combine(AppFolder, "data", "hub.db"), locations.DatabaseFile);
        Assert.Equal(Path.Combine(AppFolder, "data", "keys"), locations.KeysPath);
    }

    [Fact]
    public void Hub_DataPath_moves_the_database_and_the_keys_together()
    {
        var locations = DataLocations.From(Settings(("Hub:DataPath", "/var/lib/g-assistant-hub")), AppFolder);

        Assert.Equal("/var/lib/g-assistant-hub/hub.db", locations.DatabaseFile);
        Assert.Equal("/var/lib/g-assistant-hub/keys", locations.KeysPath);
        Assert.Equal("/var/lib/g-assistant-hub/hub.lock", locations.LockFile);
    }

    [Fact]
    public void Relative_paths_are_taken_from_the_application_folder_not_the_current_directory()
    {
        var locations = DataLocations.From(Settings(
            ("Hub:DataPath", "state"), ("ConnectionStrings:Hub", "Data Source=db/hub.db"), ("DataProtection:KeysPath", "secrets")), AppFolder);

        Assert.Equal(Path.Combine(AppFolder, "state"), locations.DataPath);
        Assert.Equal(Path.Combine(AppFolder, "db", "hub.db"), locations.DatabaseFile);
        Assert.Equal(Path.Combine(AppFolder, "secrets"), locations.KeysPath);
    }

    [Fact]
    public void Postgres_keeps_its_keys_in_the_data_folder_and_has_no_database_file()
    {
        var locations = DataLocations.From(Settings(("Database:Provider", "Postgres"), ("ConnectionStrings:Hub", "Host=db;Database=hub")), AppFolder);

        Assert.Equal(DatabaseKind.Postgres, locations.Kind);
        Assert.Null(locations.DatabaseFile);
        Assert.Equal(Path.Combine(AppFolder, "data", "keys"), locations.KeysPath);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_with_the_key_named()
    {
        var error = Assert.Throws<OptionsValidationException>(() => DataLocations.From(Settings(("Database:Provider", "Postgres")), AppFolder));
        Assert.Contains("ConnectionStrings:Hub", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_content_root_is_the_application_folder_unless_one_is_given()
    {
        Assert.Equal(AppContext.BaseDirectory, HubHost.Options([]).ContentRootPath);
        Assert.Equal(AppFolder, HubHost.Options([$"--contentRoot={AppFolder}"]).ContentRootPath);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
