using System.Diagnostics;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// The test server's folder goes away with its run, also when the run is killed, and a run never removes the folder of
/// another engineer's run that is still going on this shared machine.
/// </summary>
public sealed class PostgresFoldersTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("gah-pgf-").FullName;

    [Fact]
    public void Only_folders_whose_owner_process_has_ended_are_removed()
    {
        var folders = new PostgresFolders(_parent, data => ["touch", Path.Combine(_parent, "stopped")]);
        var running = folders.Create();
        var ended = Folder($"gah-pg-{EndedProcessId()}-a", withServer: true);
        var reusedId = Folder($"gah-pg-{Environment.ProcessId}-b", withServer: false, owner: $"{Environment.ProcessId} 1");
        var olderBuildStillRunning = Folder($"gah-pg-{Environment.ProcessId}-c", withServer: false);

        // Another process reads this process's start time a millisecond or two apart from its own reading.
        var startTicks = Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks;
        var recordedByAnotherReading = Folder($"gah-pg-{Environment.ProcessId}-d", withServer: false, owner: $"{Environment.ProcessId}\n{startTicks + 20_000}");
        var olderFormatAnotherReading = Folder($"gah-pg-{Environment.ProcessId}-e", withServer: false, owner: $"{Environment.ProcessId} {startTicks - 20_000}");

        folders.RemoveAbandoned();

        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(olderBuildStillRunning));
        Assert.True(Directory.Exists(recordedByAnotherReading), "removed although its owner runs: the start times differed by 2 ms");
        Assert.True(Directory.Exists(olderFormatAnotherReading));
        Assert.False(Directory.Exists(ended));
        Assert.False(Directory.Exists(reusedId));
        Assert.True(File.Exists(Path.Combine(_parent, "stopped")), "the server of the abandoned folder was not stopped");
    }

    [Fact]
    public async Task The_watcher_stops_the_server_and_removes_the_folder_once_the_owner_is_killed()
    {
        var folders = new PostgresFolders(_parent, data => ["touch", Path.Combine(_parent, "stopped")]);
        var root = Folder("gah-pg-1-watched", withServer: true);
        using var owner = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;
        folders.RemoveWhenEnded(root, owner.Id);

        await Task.Delay(1500);
        Assert.True(Directory.Exists(root), "removed while its owner still ran");

        owner.Kill();
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(root)), exists => !exists);
        Assert.True(File.Exists(Path.Combine(_parent, "stopped")));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Folder(string name, bool withServer, string? owner = null)
    {
        var root = Path.Combine(_parent, name);
        Directory.CreateDirectory(Path.Combine(root, "data"));
        if (withServer)
        {
            File.WriteAllText(Path.Combine(root, "data", "postmaster.pid"), "1");
        }

        if (owner is not null)
        {
            File.WriteAllText(Path.Combine(root, "owner"), owner);
        }

        return root;
    }

    private static int EndedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }
}
