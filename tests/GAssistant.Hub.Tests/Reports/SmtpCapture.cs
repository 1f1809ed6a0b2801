using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>A message as the SMTP server received it: the envelope recipients and the parsed MIME message.</summary>
public sealed record CapturedMail(IReadOnlyList<string> Recipients, MimeMessage Message);

/// <summary>
/// A real SMTP server for a test: Debian's aiosmtpd (apt python3-aiosmtpd; test.sh installs it) on a free loopback
/// port, with a handler that writes each message's bytes exactly as received (envelope.original_content) plus its
/// envelope recipients to a folder. The test parses them with MimeKit, as a mail client would.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private const string Script = """
        import os, sys, uuid
        from aiosmtpd.controller import Controller

        class Capture:
            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(sys.argv[2], uuid.uuid4().hex)
                with open(name + '.rcpt', 'w') as f:
                    f.write('\n'.join(envelope.rcpt_tos))
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 OK'

        controller = Controller(Capture(), hostname='127.0.0.1', port=int(sys.argv[1]))
        controller.start()
        print('ready', flush=True)
        sys.stdin.read()
        controller.stop()
        """;

    private readonly Process _process;
    private readonly string _folder;

    private SmtpCapture(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    public static async Task<SmtpCapture> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gah-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (line != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"aiosmtpd did not start (apt-get install python3-aiosmtpd): {error}");
        }

        return new SmtpCapture(process, folder, port);
    }

    /// <summary>The messages received so far, oldest first.</summary>
    public IReadOnlyList<CapturedMail> Messages() =>
        new DirectoryInfo(_folder).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new CapturedMail(
                File.ReadAllText(Path.ChangeExtension(f.FullName, ".rcpt")).Split('\n', StringSplitOptions.RemoveEmptyEntries),
                MimeMessage.Load(f.FullName)))
            .ToList();

    public Task<IReadOnlyList<CapturedMail>> WaitForAsync(int count) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Messages()), m => m.Count >= count);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _process.Kill();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
