using System.Diagnostics;
using System.Globalization;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// The temporary folders of the test runs' PostgreSQL servers (a data folder grows past a gigabyte in one run). Each
/// folder records the process that owns it (its id and start time, so a reused id is not mistaken for the owner). When
/// the owner ends, however it ends (passed, failed, killed: the test platform kills its test host at the end of a run,
/// so no exit handler can be relied on), a watcher started beside it stops the server and deletes the folder; a folder
/// whose watcher died too is removed by the next run. Other engineers' runs share the machine: a folder is abandoned
/// only when its owner process is gone, never because it merely exists or is old.
/// </summary>
/// <param name="parent">Where the folders are made (the temporary directory).</param>
/// <param name="stopCommand">The command line that stops the server of a data folder.</param>
public sealed class PostgresFolders(string parent, Func<string, string[]> stopCommand)
{
    private const string Prefix = "gah-pg-";
    private const string OwnerFile = "owner";

    // Sleeps until the owner has gone, then stops its server (if it runs) and deletes the folder. Its output goes
    // nowhere, so it holds none of the test run's pipes open.
    private const string Watcher = """
        exec </dev/null >/dev/null 2>&1
        owner=$1; root=$2; shift 2
        while kill -0 "$owner"; do sleep 1; done
        [ -f "$root/data/postmaster.pid" ] && "$@"
        rm -rf "$root"
        """;

    /// <summary>Creates this process's folder, its owner recorded before anything starts in it.</summary>
    public string Create()
    {
        var root = Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(root);
        using var self = Process.GetCurrentProcess();
        // One line each: a run of an older build splits the record on a space, finds no number, and leaves the
        // folder alone; it compared start times exactly, which differ between processes (see SameStart).
        File.WriteAllText(Path.Combine(root, OwnerFile), $"{self.Id}\n{StartTicks(self)}");
        return root;
    }

    /// <summary>
    /// Starts the watcher that removes <paramref name="root"/> once process <paramref name="owner"/> has ended. It runs in
    /// its own session (<c>setsid -f</c>), so killing the test host, its process tree or its process group does not kill it.
    /// </summary>
    public void RemoveWhenEnded(string root, int owner)
    {
        var start = new ProcessStartInfo("setsid", ["-f", "sh", "-c", Watcher, "pg-folder-watcher",
            owner.ToString(CultureInfo.InvariantCulture), root, .. stopCommand(Path.Combine(root, "data"))])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var setsid = Process.Start(start)!;
        setsid.WaitForExit();
    }

    /// <summary>Stops the server of every folder whose owner process has ended, and deletes the folder.</summary>
    public void RemoveAbandoned()
    {
        foreach (var root in Directory.EnumerateDirectories(parent, Prefix + "*"))
        {
            if (!OwnerIsAlive(root))
            {
                Remove(root);
            }
        }
    }

    private void Remove(string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var command = stopCommand(data);
            using var stop = Process.Start(new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            stop.WaitForExit(); // a failure means it was not running any more; the folder can go either way
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another run is removing it at this moment, or it is another user's; left to them.
        }
    }

    /// <summary>
    /// True while the process recorded in the folder runs. A folder without the record yet (being created, or made by an
    /// older build) is judged by the process id in its name.
    /// </summary>
    public static bool OwnerIsAlive(string root)
    {
        var owner = Path.Combine(root, OwnerFile);
        var fields = File.Exists(owner) ? File.ReadAllText(owner).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        var id = fields.Length > 0 ? fields[0] : Path.GetFileName(root)[Prefix.Length..].Split('-')[0];
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return true; // not named as ours: not ours to judge
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && (fields.Length < 2 || SameStart(fields[1], process));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false; // no process with that id, or it ended while we looked
        }
    }

    /// <summary>
    /// Whether <paramref name="process"/> is the one that started at <paramref name="recorded"/>. On Linux
    /// <see cref="Process.StartTime"/> is the boot time plus the start's offset, and each process works the boot time out
    /// anew from two clocks: readings by two processes differ by a millisecond or so. A reused id starts much later.
    /// </summary>
    private static bool SameStart(string recorded, Process process) =>
        long.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && Math.Abs(ticks - process.StartTime.ToUniversalTime().Ticks) < TimeSpan.TicksPerSecond;

    private static string StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
}
