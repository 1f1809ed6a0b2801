// Webhook ingestion benchmark: starts the hub (SQLite, default settings) and drives signed Odoo
// webhooks at it from this second process, then the same for a trivial endpoint of the same
// server (GET /health/live) as the ceiling. Usage: bench/webhook-load.sh [seconds] [connections] [--Hub:Setting=value …]
using System.Globalization;
using GAssistant.Bench.WebhookLoad;
using Microsoft.Data.Sqlite;

var hubDll = args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: WebhookLoad HUB_DLL [seconds] [connections]");
var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "15", CultureInfo.InvariantCulture);
var connections = int.Parse(args.ElementAtOrDefault(2) ?? "64", CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(seconds);
const string secret = "whsec_YmVuY2htYXJrLXNlY3JldC1mb3ItdGhlLWh1Yg==";

await using var hub = await HubUnderTest.StartAsync(hubDll, secret, args.Skip(3));
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = hub.Address,
};
var events = new SignedEvents(secret);

Console.WriteLine($"hub {hub.Address}  {Environment.ProcessorCount} cores  {seconds}s per phase  {connections} connections");
var warm = events.Prepare(2_000, 1_000_000);
await LoadRun.ClosedLoopAsync("warm-up", client, i => SignedEvents.Request(warm[i % warm.Length]), connections, TimeSpan.FromSeconds(3));

var ceiling = await LoadRun.ClosedLoopAsync("ceiling: GET /health/live", client, _ => new HttpRequestMessage(HttpMethod.Get, "/health/live"), connections, duration);
var prepared = events.Prepare(12_000 * seconds, 1);
var max = await LoadRun.ClosedLoopAsync("webhooks: max (closed loop)", client, i => SignedEvents.Request(prepared[i]), connections, duration);
var drained = await InboxDrain.WaitAsync(hub.Folder);
var halfRate = Math.Max(1, max.PerSecond / 2);
var paced = events.Prepare((int)(halfRate * seconds) + 1, 5_000_000);
var half = await LoadRun.OpenLoopAsync($"webhooks: half rate ({halfRate:N0}/s open loop)", client, i => SignedEvents.Request(paced[i]), halfRate, duration);
var memory = hub.PeakMemoryMiB();

await using var db = new SqliteConnection($"Data Source={Path.Combine(hub.Folder, "data", "hub.db")};Mode=ReadOnly;Pooling=False");
await db.OpenAsync();
await using var count = new SqliteCommand("SELECT COUNT(*) FROM inbox_events WHERE delivery_id LIKE 'msg_bench_%' AND delivery_id NOT LIKE 'msg_bench_1______'", db);
var stored = (long)(await count.ExecuteScalarAsync())!;

Console.WriteLine();
Console.WriteLine(ceiling);
Console.WriteLine(max);
Console.WriteLine(half);
Console.WriteLine($"inbox worker after the max phase     applied {drained.Events:N0} events in {drained.Elapsed.TotalSeconds:N1} s ({drained.Events / Math.Max(0.001, drained.Elapsed.TotalSeconds):N0}/s)");
Console.WriteLine($"peak hub memory (VmHWM)            {memory:N0} MiB");
Console.WriteLine($"stored in the inbox                {stored:N0} of {max.Ok + half.Ok:N0} acknowledged");
Console.WriteLine($"webhooks / ceiling                 {max.PerSecond / ceiling.PerSecond:P0} of the trivial endpoint's rate");
return stored == max.Ok + half.Ok ? 0 : 1;
