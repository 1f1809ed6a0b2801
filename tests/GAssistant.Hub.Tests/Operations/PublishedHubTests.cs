using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>
/// The hub published as docs/deploy.md publishes it (<c>dotnet publish -r linux-x64 --self-contained</c>) and
/// started as a service manager starts it: from a folder that is not its own, with no .NET on the machine.
/// </summary>
public sealed partial class PublishedHubTests
{
    [Fact]
    public async Task The_published_hub_started_from_another_folder_serves_styled_pages_and_keeps_its_data_in_its_own_folder()
    {
        var published = await PublishedHub.FolderAsync();
        var elsewhere = Directory.CreateTempSubdirectory("gah-cwd-").FullName;
        var start = new ProcessStartInfo(Path.Combine(published, PublishedHub.ExecutableName)) { WorkingDirectory = elsewhere };

        await using (var hub = await HubProcess.StartAsync(start, new Dictionary<string, string> { ["Auth:AdminPassword"] = TestSecrets.AdminPassword }))
        {
            using var client = new HttpClient { BaseAddress = hub.Address };
            var login = await client.GetStringAsync("/login");
            var stylesheets = StylesheetLinks().Matches(login).Select(m => "/" + m.Groups[1].Value.TrimStart('/')).ToList();
            Assert.Contains(stylesheets, s => s.Contains("MudBlazor", StringComparison.Ordinal));
            Assert.Contains(stylesheets, s => s.StartsWith("/app.", StringComparison.Ordinal));
            foreach (var stylesheet in stylesheets)
            {
                using var response = await client.GetAsync(stylesheet);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{stylesheet}: {(int)response.StatusCode}");
                Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
                var css = await response.Content.ReadAsStringAsync();
                Assert.True(css.Length > 1000, $"{stylesheet} has {css.Length} characters");
                if (stylesheet.StartsWith("/app.", StringComparison.Ordinal))
                {
                    Assert.Contains(".page-head", css, StringComparison.Ordinal);
                }
            }
        }

        Assert.True(File.Exists(Path.Combine(published, "data", "hub.db")), "the database is in the application's own data folder");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(published, "data", "keys"), "key-*.xml"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Directory.Delete(elsewhere);
    }

    [Fact]
    public async Task The_self_contained_hub_runs_from_the_root_folder_on_a_machine_without_dotnet()
    {
        var executable = await PublishedHub.ExecutableAsync();
        var data = Directory.CreateTempSubdirectory("gah-sc-").FullName;
        var noTools = Directory.CreateTempSubdirectory("gah-path-").FullName;

        // This machine's .NET (the one running this test) is covered by an empty folder in a mount namespace of the
        // hub's own (util-linux unshare): for the hub, .NET is not installed, and neither PATH nor DOTNET_ROOT
        // leads to one.
        var machineDotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var start = new ProcessStartInfo(OnPath("unshare")) { WorkingDirectory = "/" };
        foreach (var arg in new[]
        {
            "--mount", "--propagation", "private", "--map-root-user", "--",
            OnPath("sh"), "-c", $"{OnPath("mount")} -t tmpfs -o size=1m none \"$0\" && exec \"$@\"", machineDotnet, executable,
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["PATH"] = noTools;
        start.Environment["DOTNET_ROOT"] = Path.Combine(noTools, "no-dotnet-here");

        await using (var hub = await HubProcess.StartAsync(start, new Dictionary<string, string>
        {
            ["Hub:DataPath"] = data,
            ["Auth:AdminPassword"] = TestSecrets.AdminPassword,
        }))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries($"/proc/{hub.ProcessId}/root{machineDotnet}"));

            using var client = new HttpClient { BaseAddress = hub.Address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            Assert.Contains("type=\"password\"", await client.GetStringAsync("/login"), StringComparison.Ordinal);

            // The runtime it runs on is the one published beside it.
            var mapped = await File.ReadAllLinesAsync($"/proc/{hub.ProcessId}/maps");
            var coreclr = mapped.Where(l => l.EndsWith("/libcoreclr.so", StringComparison.Ordinal)).Select(l => l[l.IndexOf('/', StringComparison.Ordinal)..]).Distinct().ToList();
            Assert.Equal([Path.Combine(Path.GetDirectoryName(executable)!, "libcoreclr.so")], coreclr);
            Assert.DoesNotContain(mapped, l => l.Contains(machineDotnet + "/", StringComparison.Ordinal));
        }

        Assert.True(File.Exists(Path.Combine(data, "hub.db")));
        Directory.Delete(data, recursive: true);
        Directory.Delete(noTools, recursive: true);
    }

    /// <summary>Where this test's own PATH finds <paramref name="tool"/> (the hub's PATH is emptied).</summary>
    private static string OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} (util-linux) is not on PATH.");

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLinks();
}
