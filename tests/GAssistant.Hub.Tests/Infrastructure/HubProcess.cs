using System.Diagnostics;
using System.Net.Sockets;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// The hub as a real process on Kestrel (the published entry point, default SQLite settings),
/// for tests that must kill it or measure it like an operator would. By default it runs from the
/// build output with its data in <c>FOLDER/data</c> (<c>Hub:DataPath</c>) and FOLDER as its current
/// directory; a test may start another executable (a published hub) its own way.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    private HubProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public static Task<HubProcess> StartAsync(string folder, IDictionary<string, string> settings, TimeSpan? timeout = null) =>
        StartAsync(BuildOutput(folder), new Dictionary<string, string>(settings) { ["Hub:DataPath"] = Path.Combine(folder, "data") }, timeout);

    /// <summary><c>dotnet GAssistant.Hub.dll</c> from the build output, started in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo BuildOutput(string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        return start;
    }

    /// <summary>Starts <paramref name="start"/> as the hub on a free port and waits until <c>/health</c> answers.</summary>
    public static async Task<HubProcess> StartAsync(ProcessStartInfo start, IDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var hub = Launch(start, settings);
        try
        {
            await hub.WaitUntilHealthyAsync(timeout);
            return hub;
        }
        catch
        {
            // A hub that did not come up must not outlive the test.
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the hub of the build output in <paramref name="folder"/> without waiting for it (a test that kills it while it starts).</summary>
    public static HubProcess Launch(string folder, IDictionary<string, string> settings) =>
        Launch(BuildOutput(folder), new Dictionary<string, string>(settings) { ["Hub:DataPath"] = Path.Combine(folder, "data") });

    private static HubProcess Launch(ProcessStartInfo start, IDictionary<string, string> settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.ArgumentList.Add($"--urls={address}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        var hub = new HubProcess(process, address);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) hub._errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for <c>GET /health</c> to answer 200; fails, with what the hub printed, when the process exits first.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ReturnsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited at start with code {_process.ExitCode}: {string.Join('\n', _errors)}");
            }

            try
            {
                return (await client.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe's 2 s (a loaded machine): ask again.
                return false;
            }
        }, up => up, timeout ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>Runs a command of the hub's executable (<c>backup</c>, <c>restore</c>…) to its end.</summary>
    public static async Task<CommandResult> RunCommandAsync(string workingDirectory, params string[] args)
    {
        var start = BuildOutput(workingDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or the OOM killer.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error);
