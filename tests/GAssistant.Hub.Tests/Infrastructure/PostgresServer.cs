using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server (Debian's package) started once for the test run in a temporary
/// folder on a free loopback port, and stopped and removed when the run ends (<see cref="PostgresFolders"/>).
/// Each test gets its own database. As root the server runs as the <c>postgres</c> user: PostgreSQL
/// refuses to run as root.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Server> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = Instance.Value;
        var name = $"hub_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }

        return server.ConnectionString(name);
    }

    /// <summary>
    /// Runs one of the server's client programs (<c>psql</c>, <c>pg_dump</c>, <c>pg_restore</c>) against the
    /// database of <paramref name="connectionString"/>, as an operator would, and returns what it printed.
    /// </summary>
    public static async Task<string> RunToolAsync(string tool, string connectionString, params string[] args)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(Instance.Value.Bin, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username!, "-d", database.Database! }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
    }

    private static Server Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql); test.sh installs it.");
        var asRoot = Environment.UserName == "root";
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var folders = new PostgresFolders(Path.GetTempPath(),
            data => [.. asRoot ? ["runuser", "-u", "postgres", "--"] : Array.Empty<string>(), pgCtl, "-D", data, "-m", "immediate", "-w", "stop"]);
        folders.RemoveAbandoned();
        var root = folders.Create();
        folders.RemoveWhenEnded(root, Environment.ProcessId);
        var data = Path.Combine(root, "data");
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", root], asPostgres: false);
        }

        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        Run(pgCtl, ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000", "start"], asRoot);
        return new Server(port, bin);
    }

    private static void Run(string file, string[] args, bool asPostgres)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args]) : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Server(int Port, string Bin)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=30;Connection Idle Lifetime=10";
    }
}
