using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GAssistant.Bench.WebhookLoad;

/// <summary>The hub started as its own process with default settings (SQLite under a fresh folder).</summary>
internal sealed class HubUnderTest : IAsyncDisposable
{
    private readonly Process _process;

    private HubUnderTest(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        Folder = folder;
    }

    public Uri Address { get; }

    public string Folder { get; }

    public static async Task<HubUnderTest> StartAsync(string hubDll, string secret, IEnumerable<string> hubArgs)
    {
        var folder = Directory.CreateTempSubdirectory("gah-bench-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.GetFullPath(hubDll), $"--urls={address}", $"--contentRoot={folder}", $"--Odoo:WebhookSecret={secret}", "--Auth:AdminPassword=benchmark-only" }.Concat(hubArgs))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("hub: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) { break; }
            }
            catch (HttpRequestException) when (i < 600 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        return new HubUnderTest(process, address, folder);
    }

    /// <summary>Peak resident memory of the hub process (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
