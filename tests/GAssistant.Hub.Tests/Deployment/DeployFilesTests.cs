using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GAssistant.Hub.Tests.Deployment;

/// <summary>
/// The files docs/deploy.md tells an operator to install (deploy/) are checked by the tools that will read them:
/// systemd's own verifier, <c>nginx -t</c> and <c>caddy validate</c> (Debian's packages; test.sh installs them).
/// A unit or site that these tools would warn about fails here, not on a customer's server.
/// </summary>
public sealed class DeployFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gah-deploy-").FullName;

    private static string Deploy(string name) => Path.Combine(PublishedHub.RepositoryRoot(), "deploy", name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("g-assistant-hub.service")]
    [InlineData("g-assistant-hub-backup.service")]
    [InlineData("g-assistant-hub-backup.timer")]
    public async Task The_systemd_units_pass_systemd_analyze_verify_without_a_warning(string unit)
    {
        // An image of the target machine: systemd's own units, the units where docs/deploy.md installs them, and an
        // executable at each path an Exec line names (verify checks that they can run).
        Copy("/usr/lib/systemd/system", Path.Combine(_root, "usr", "lib", "systemd", "system"));
        var units = Directory.CreateDirectory(Path.Combine(_root, "etc", "systemd", "system")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(Deploy(unit))!, "g-assistant-hub*"))
        {
            File.Copy(file, Path.Combine(units, Path.GetFileName(file)));
            foreach (var command in (await File.ReadAllLinesAsync(file)).Where(l => l.StartsWith("Exec", StringComparison.Ordinal)))
            {
                await StubAsync(command[(command.IndexOf('=', StringComparison.Ordinal) + 1)..].TrimStart('-', '@', '+', '!', ':').Split(' ')[0]);
            }
        }

        var result = await RunAsync("systemd-analyze", "verify", $"--root={_root}", $"/etc/systemd/system/{unit}");

        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0 && result.Error.Trim().Length == 0, result.ToString());
    }

    [Fact]
    public async Task The_unit_runs_the_published_hub_as_its_own_user_with_its_data_in_the_state_directory()
    {
        var unit = await File.ReadAllLinesAsync(Deploy("g-assistant-hub.service"));

        Assert.Contains("User=g-assistant-hub", unit);
        Assert.Contains("WorkingDirectory=/opt/g-assistant-hub", unit);
        Assert.Contains($"ExecStart=/opt/g-assistant-hub/{PublishedHub.ExecutableName}", unit);
        Assert.Contains("EnvironmentFile=/etc/g-assistant-hub/hub.env", unit);
        Assert.Contains("Restart=always", unit);
        Assert.Contains("StateDirectory=g-assistant-hub", unit);
        Assert.Contains("Environment=Hub__DataPath=/var/lib/g-assistant-hub", unit);
    }

    [Fact]
    public async Task The_nginx_site_passes_nginx_t()
    {
        var (certificate, key) = await SelfSignedAsync();
        var site = (await File.ReadAllTextAsync(Deploy(Path.Combine("nginx", "g-assistant-hub.conf"))))
            .Replace("/etc/letsencrypt/live/hub.example.com/fullchain.pem", certificate, StringComparison.Ordinal)
            .Replace("/etc/letsencrypt/live/hub.example.com/privkey.pem", key, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_root, "site.conf"), site);

        // The http block of Debian's /etc/nginx/nginx.conf includes sites-enabled/*; this one includes the site alone.
        await File.WriteAllTextAsync(Path.Combine(_root, "nginx.conf"), $$"""
            pid {{_root}}/nginx.pid;
            error_log stderr;
            events {}
            http {
                access_log off;
                include {{_root}}/site.conf;
            }
            """);

        // /usr/sbin is not on every user's PATH.
        var result = await RunAsync(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", "-t", "-q", "-c", Path.Combine(_root, "nginx.conf"), "-p", _root, "-e", "stderr");

        Assert.True(result.ExitCode == 0 && result.Error.Trim().Length == 0, result.ToString());
    }

    [Fact]
    public async Task The_caddyfile_passes_caddy_validate()
    {
        var result = await RunAsync("caddy", "validate", "--config", Deploy("Caddyfile"), "--adapter", "caddyfile");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Valid configuration", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"level\":\"warn\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_proxies_send_the_hub_the_forwarded_headers_it_trusts()
    {
        var nginx = await File.ReadAllTextAsync(Deploy(Path.Combine("nginx", "g-assistant-hub.conf")));
        Assert.Contains("proxy_pass http://127.0.0.1:5080;", nginx, StringComparison.Ordinal);
        foreach (var header in new[] { "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host" })
        {
            Assert.Contains($"proxy_set_header {header} ", nginx, StringComparison.Ordinal);
        }

        // Caddy's reverse_proxy sets all three itself (https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#defaults).
        Assert.Contains("reverse_proxy 127.0.0.1:5080", await File.ReadAllTextAsync(Deploy("Caddyfile")), StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://127.0.0.1:5080", await File.ReadAllLinesAsync(Deploy("hub.env")));
    }

    private async Task StubAsync(string executable)
    {
        var path = Path.Combine(_root, executable.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }
    }

    private async Task<(string Certificate, string Key)> SelfSignedAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=hub.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (certificateFile, keyFile) = (Path.Combine(_root, "fullchain.pem"), Path.Combine(_root, "privkey.pem"));
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }

    private async Task<CommandResult> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Caddy keeps its state under HOME/XDG folders: this test's own.
        start.Environment["HOME"] = _root;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(_root, "data");
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(_root, "config");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed (test.sh installs systemd, nginx and caddy with apt): {ex.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new CommandResult(process.ExitCode, await output, await error);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is null)
            {
                info.CopyTo(Path.Combine(to, info.Name));
            }
            else
            {
                File.CreateSymbolicLink(Path.Combine(to, info.Name), info.LinkTarget);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
