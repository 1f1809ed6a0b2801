using System.Diagnostics;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// The hub as an operator installs it: <c>dotnet publish -r linux-x64 --self-contained</c> (the command
/// docs/deploy.md gives), made once per test run into a temporary folder and shared by the tests that
/// need it; publishing is slow, so it starts with the first test that asks and the others wait for it.
/// It builds under its own artifacts folder, so it never touches the build the other tests run from.
/// </summary>
public static class PublishedHub
{
    public const string RuntimeIdentifier = "linux-x64";
    public const string ExecutableName = "GAssistant.Hub";

    private const string Prefix = "gah-publish-";

    private static readonly Lazy<Task<string>> Folder = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding the published hub (its executable, its wwwroot, the .NET runtime).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    public static async Task<string> ExecutableAsync() => Path.Combine(await FolderAsync(), ExecutableName);

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GAssistant.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("GAssistant.slnx not found above the test output.");
    }

    private static async Task<string> PublishAsync()
    {
        RemoveLeftovers();
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..36]);
        var output = Path.Combine(root, "out");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "publish", Path.Combine("src", "GAssistant.Hub", "GAssistant.Hub.csproj"), "-c", "Release", "-r", RuntimeIdentifier,
            "--self-contained", "--artifacts-path", Path.Combine(root, "artifacts"), "-o", output, "-nologo",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(output, ExecutableName)))
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {await log}{await errors}");
        }

        Directory.Delete(Path.Combine(root, "artifacts"), recursive: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // The run is over; a leftover temporary folder is harmless.
            }
        };
        return output;
    }

    /// <summary>A test host that was killed at the end of a run leaves its publish behind (145 MB): remove those of ended runs.</summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pid = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, out var id) && !IsRunning(id))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
