// Webhook ingestion benchmark: starts the hub (SQLite, or PostgreSQL in a throwaway cluster; default settings otherwise)
// and drives signed Odoo webhooks at it from this second process, after the same for a trivial endpoint of the same
// server (GET /health/live) as the ceiling; then a sustained phase at 80 % of the measured maximum, after which the
// backlog the inbox worker has left is reported in seconds of arrivals.
// Usage: bench/webhook-load.sh [seconds] [connections] [--sustained=SECONDS] [--database=sqlite|postgres] [--Hub:Setting=value …]
using System.Globalization;
using GAssistant.Bench.WebhookLoad;
using GAssistant.Hub.Tests.Infrastructure;
using Npgsql;

var hubDll = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: WebhookLoad HUB_DLL [seconds] [connections] [--sustained=SECONDS] [--database=sqlite|postgres]");
var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "15", CultureInfo.InvariantCulture);
var connections = int.Parse(args.ElementAtOrDefault(2) ?? "64", CultureInfo.InvariantCulture);
string? Option(string name) => args.Skip(3).FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
var sustainedSeconds = int.Parse(Option("sustained") ?? "60", CultureInfo.InvariantCulture);
var postgres = Option("database") == "postgres";
var duration = TimeSpan.FromSeconds(seconds);
const string secret = "whsec_YmVuY2htYXJrLXNlY3JldC1mb3ItdGhlLWh1Yg==";

var hubArgs = args.Skip(3).Where(a => !a.StartsWith("--sustained=", StringComparison.Ordinal) && !a.StartsWith("--database=", StringComparison.Ordinal)).ToList();
string? pgConnection = null;
if (postgres)
{
    pgConnection = await PostgresServer.CreateDatabaseAsync();
    await DurableAsync(pgConnection);
    hubArgs.AddRange(["--Database:Provider=Postgres", $"--ConnectionStrings:Hub={pgConnection}"]);
}

await using var hub = await HubUnderTest.StartAsync(hubDll, secret, hubArgs);
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = hub.Address,
};
var events = new SignedEvents(secret);
var inbox = new InboxStore(postgres, pgConnection ?? $"Data Source={Path.Combine(hub.Folder, "data", "hub.db")};Mode=ReadOnly;Pooling=False");

Console.WriteLine($"hub {hub.Address}  {(postgres ? "PostgreSQL" : "SQLite")}  {Environment.ProcessorCount} cores  {seconds}s per phase  {connections} connections  sustained {sustainedSeconds}s");
var warm = events.Prepare(2_000, 1_000_000);
await LoadRun.ClosedLoopAsync("warm-up", client, i => SignedEvents.Request(warm[i % warm.Length]), connections, TimeSpan.FromSeconds(3));

var ceiling = await LoadRun.ClosedLoopAsync("ceiling: GET /health/live", client, _ => new HttpRequestMessage(HttpMethod.Get, "/health/live"), connections, duration);
var prepared = events.Prepare(12_000 * seconds, 1);
var max = await LoadRun.ClosedLoopAsync("webhooks: max (closed loop)", client, i => SignedEvents.Request(prepared[i]), connections, duration);
var drained = await inbox.WaitDrainedAsync(TimeSpan.FromMinutes(5));
var halfRate = Math.Max(1, max.PerSecond / 2);
var paced = events.Prepare((int)(halfRate * seconds) + 1, 5_000_000);
var half = await LoadRun.OpenLoopAsync($"webhooks: half rate ({halfRate:N0}/s open loop)", client, i => SignedEvents.Request(paced[i]), halfRate, duration);
await inbox.WaitDrainedAsync(TimeSpan.FromMinutes(5));

// Ids from 10,000,000 up: new leads, as a burst of new leads from Odoo would bring.
var sustainedRate = Math.Max(1, max.PerSecond * 0.8);
var sustained = await LoadRun.OpenLoopAsync($"webhooks: sustained ({sustainedRate:N0}/s open loop)", client, i => events.SignedNow(10_000_000 + i),
    sustainedRate, TimeSpan.FromSeconds(sustainedSeconds));
var backlog = await inbox.PendingAsync();
var caughtUp = await inbox.WaitDrainedAsync(TimeSpan.FromMinutes(10));
var memory = hub.PeakMemoryMiB();
var stored = await inbox.StoredAsync();

Console.WriteLine();
Console.WriteLine(ceiling);
Console.WriteLine(max);
Console.WriteLine(half);
Console.WriteLine(sustained);
Console.WriteLine($"inbox worker after the max phase     applied {drained.Events:N0} events in {drained.Elapsed.TotalSeconds:N1} s ({drained.Events / Math.Max(0.001, drained.Elapsed.TotalSeconds):N0}/s)");
Console.WriteLine($"backlog after the sustained phase    {backlog:N0} events = {backlog / sustainedRate:N2} s of arrivals (goal < 1 s); applied {caughtUp.Elapsed.TotalSeconds:N1} s later");
Console.WriteLine($"peak hub memory (VmHWM)              {memory:N0} MiB");
Console.WriteLine($"stored in the inbox                  {stored:N0} of {max.Ok + half.Ok + sustained.Ok:N0} acknowledged");
Console.WriteLine($"webhooks / ceiling                   {max.PerSecond / ceiling.PerSecond:N2} (max closed-loop rate over the trivial endpoint's)");
Console.WriteLine($"half-rate p99 / ceiling p99          {half.Percentile(99) / ceiling.Percentile(99):N2}");
Console.WriteLine($"sustained p99 / ceiling p99          {sustained.Percentile(99) / ceiling.Percentile(99):N2}");
return stored == max.Ok + half.Ok + sustained.Ok ? 0 : 1;

// The tests' cluster trades durability for speed (fsync off); a webhook's 2xx means committed to disk, so put it back.
static async Task DurableAsync(string connectionString)
{
    await using var db = new NpgsqlConnection(connectionString);
    await db.OpenAsync();
    foreach (var sql in new[] { "ALTER SYSTEM SET fsync = on", "ALTER SYSTEM SET synchronous_commit = on", "ALTER SYSTEM SET full_page_writes = on", "SELECT pg_reload_conf()" })
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
