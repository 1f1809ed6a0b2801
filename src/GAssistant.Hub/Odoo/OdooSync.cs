using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The reconciliation pull. Webhooks get lost (Odoo's own webhook action waits one second and never
/// retries), so every run reads what changed in Odoo since its cursor — <c>crm.lead</c> with archived
/// (lost) leads, and <c>sale.order</c> when Sales is installed — in <c>search_read</c> pages, and upserts
/// the replica through <see cref="ReplicaUpsert"/>, so the newest state wins whether it came by webhook
/// or by pull. Each page and the cursor after it are committed together: a failure mid-run leaves the
/// cursor at the last page stored, never past a record not yet stored. The first run backfills everything.
/// </summary>
public sealed partial class OdooSync(
    OdooClient odoo, HubDbContext db, IOptionsMonitor<OdooOptions> options, OdooSyncStatus status, TimeProvider clock, ILogger<OdooSync> logger,
    IEnumerable<IOdooPullFollowUp> followUps, SqliteWriteGate writeGate)
{
    private IReadOnlySet<long> _wonStages = new HashSet<long>();

    public async Task<OdooSyncResult> RunAsync(JobProgress? progress, CancellationToken cancellationToken)
    {
        await status.Gate.WaitAsync(cancellationToken);
        var started = Stopwatch.StartNew();
        try
        {
            var stages = await OdooStages.ReadAsync(odoo, cancellationToken);
            _wonStages = OdooStages.WonIds(stages);
            await StoreStagesAsync(stages, cancellationToken);
            var feeds = new List<Feed> { new(OdooFields.Lead, OdooFields.LeadFields) };
            if (await SaleOrderFieldsAsync(cancellationToken) is { } orderFields)
            {
                feeds.Add(new Feed(OdooFields.SaleOrder, orderFields));
            }

            var starts = new List<OdooSyncCursor>();
            long total = 0;
            foreach (var feed in feeds)
            {
                var start = (await LoadCursorAsync(feed.Model, cancellationToken)).Rewound(options.CurrentValue.SyncOverlap);
                starts.Add(start);
                total += await odoo.SearchCountAsync(feed.Model, start.Second is { } s ? [new JsonArray("write_date", ">=", s.ToString(OdooSyncCursor.Format, System.Globalization.CultureInfo.InvariantCulture))] : [],
                    includeArchived: true, cancellationToken);
            }

            var counts = new int[feeds.Count];
            var done = 0;
            for (var i = 0; i < feeds.Count; i++)
            {
                var feed = feeds[i];
                counts[i] = await PullAsync(feed, starts[i], async read =>
                {
                    done += read;
                    var percent = total == 0 ? 100 : (int)Math.Min(99, done * 100 / total);
                    Log.Progress(logger, feed.Model, done, total);
                    if (progress is not null)
                    {
                        await progress.ReportAsync(percent, $"Read {done} of about {total} changed records from Odoo.");
                    }
                }, cancellationToken);
            }

            foreach (var followUp in followUps)
            {
                await followUp.RunAsync(cancellationToken);
            }

            var result = new OdooSyncResult(counts[0], counts.Length > 1 ? counts[1] : 0, started.Elapsed);
            status.Record(clock.GetUtcNow().UtcDateTime, true, result.Message);
            Log.Finished(logger, result.Leads, result.SaleOrders, result.Elapsed.TotalSeconds);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var (message, problem) = e is OdooException odooError
                ? OdooHealthCheck.Explained(odooError, options.CurrentValue)
                : ($"{e.GetType().Name}: {e.Message}", new LocalizedHint("Hint.odoo.sync_error", $"{e.GetType().Name}: {e.Message}"));
            status.Record(clock.GetUtcNow().UtcDateTime, false, message, problem);
            throw;
        }
        finally
        {
            status.Gate.Release();
        }
    }

    /// <summary>
    /// The feed's pages from its cursor on, each written with the cursor after it. The next page is read from Odoo while
    /// the current one is written (issue 23: each waited for the other), at most <see cref="PagesAhead"/> pages ahead;
    /// pages are written in the order read, so the stored cursor never passes a record not yet stored.
    /// </summary>
    private async Task<int> PullAsync(Feed feed, OdooSyncCursor cursor, Func<int, Task> advanced, CancellationToken cancellationToken)
    {
        var read = 0;
        await foreach (var page in PagesAsync(feed, cursor, cancellationToken).ReadAheadAsync(PagesAhead, cancellationToken))
        {
            await StoreAsync(feed, page, cancellationToken);
            read += page.Records.Count;
            await advanced(page.Records.Count);
        }

        return read;
    }

    /// <summary>Pages read while one is written: two pages of 500 leads are about 1 MB of JSON.</summary>
    private const int PagesAhead = 2;

    /// <summary>
    /// The pages, one <c>search_read</c> each. A full page by <c>write_date</c> may end inside a second whose records Odoo
    /// orders by the microsecond, not by id: the next page is the rest of that second and what follows
    /// (<see cref="OdooSyncCursor.FromSecond"/>), without the records of it this page has. A second holding more than a page
    /// (a bulk import) is read on by id (<see cref="OdooSyncCursor.RestOfSecond"/>), as is a stored cursor's second at the start.
    /// The stored cursor after a page that ends inside a second starts that second again: after a crash, it is read whole.
    /// </summary>
    private async IAsyncEnumerable<Page> PagesAsync(Feed feed, OdooSyncCursor cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batchSize = options.CurrentValue.SyncBatchSize;
        var byId = cursor.Second is not null;
        List<long> readInSecond = []; // records of the cursor's second this run has already read
        while (true)
        {
            if (byId)
            {
                var rest = await odoo.SearchReadAsync(feed.Model, cursor.RestOfSecond(readInSecond), feed.Fields, "id asc", batchSize, includeArchived: true, cancellationToken);
                if (rest.Count > 0)
                {
                    cursor = cursor with { Id = IdOf(rest[^1]) };
                    yield return new Page(rest, cursor);
                }

                if (rest.Count == batchSize)
                {
                    continue;
                }

                (byId, readInSecond) = (false, []);
            }

            var domain = readInSecond.Count > 0 ? cursor.FromSecond(readInSecond) : cursor.Later();
            var page = await odoo.SearchReadAsync(feed.Model, domain, feed.Fields, "write_date asc, id asc", batchSize, includeArchived: true, cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var lastSecond = OdooSyncCursor.TruncateToSecond(WriteDate(page[^1]));
            var ofLastSecond = page.Where(r => OdooSyncCursor.TruncateToSecond(WriteDate(r)) == lastSecond).Select(IdOf).ToList();
            if (page.Count < batchSize)
            {
                yield return new Page(page, new OdooSyncCursor(lastSecond, ofLastSecond.Max()));
                yield break;
            }

            // Still inside the second the last page ended in: that second holds more than a page, read on by id.
            byId = readInSecond.Count > 0 && lastSecond == cursor.Second;
            readInSecond = byId ? [.. readInSecond, .. ofLastSecond] : ofLastSecond;
            cursor = new OdooSyncCursor(lastSecond, 0);
            yield return new Page(page, cursor);
        }
    }

    /// <summary>The stages as Odoo has them now: a renamed or reordered stage is updated, a deleted one removed.</summary>
    private async Task StoreStagesAsync(IReadOnlyList<CrmStage> stages, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.CrmStages.ToDictionaryAsync(s => s.OdooId, cancellationToken);
        foreach (var stage in stages)
        {
            stage.SyncedAt = now;
            if (existing.Remove(stage.OdooId, out var known))
            {
                (known.Name, known.Sequence, known.IsWon, known.SyncedAt) = (stage.Name, stage.Sequence, stage.IsWon, stage.SyncedAt);
            }
            else
            {
                db.CrmStages.Add(stage);
            }
        }

        db.CrmStages.RemoveRange(existing.Values);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// One page and the cursor after it, in one transaction: one set-based upsert (<see cref="ReplicaUpsert.LeadsAsync"/>), no
    /// read of the rows first and no change tracking. On SQLite the page waits its turn behind webhook deliveries
    /// (<see cref="SqliteWriteGate"/>); on PostgreSQL a deadlock with a concurrent save is retried whole.
    /// </summary>
    private async Task StoreAsync(Feed feed, Page page, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var name = OdooSyncCursor.StateName(feed.Model);
        var cursor = page.Cursor.ToString();
        using var turn = await writeGate.EnterAsync(cancellationToken);
        await DeadlockRetry.RunAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (feed.Model == OdooFields.Lead)
            {
                await ReplicaUpsert.LeadsAsync(db, [.. page.Records.Select(r => Pulled(new Lead { OdooId = IdOf(r), OnlyPulled = true }, r, now,
                    lead => OdooRecordMapper.ApplyLead(r, lead, _wonStages)))], cancellationToken);
            }
            else
            {
                await ReplicaUpsert.SaleOrdersAsync(db, [.. page.Records.Select(r => Pulled(new SaleOrder { OdooId = IdOf(r) }, r, now,
                    order => OdooRecordMapper.ApplySaleOrder(r, order)))], cancellationToken);
            }

            if (await db.SyncStates.Where(s => s.Name == name).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, cursor).SetProperty(v => v.UpdatedAt, now),
                    cancellationToken) == 0)
            {
                db.SyncStates.Add(new SyncState { Name = name, Value = cursor, UpdatedAt = now });
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(cancellationToken);
        }, () => db.ChangeTracker.Clear(), cancellationToken);
    }

    private static T Pulled<T>(T row, JsonElement record, DateTime now, Action<T> apply)
        where T : IReplicated
    {
        apply(row);
        row.SourceVersion = WriteDate(record);
        row.SyncedAt = now;
        return row;
    }

    /// <summary>
    /// sale.order's fields when Sales is installed (without <c>opportunity_id</c> when <c>sale_crm</c> is not); null otherwise:
    /// JSON-RPC answers an unknown model with a server error (KeyError) or, on Odoo 17, a <c>UserError</c> "Object sale.order
    /// doesn't exist" (a real CRM-only Odoo 17: every sync failed with it), JSON-2 with a 404.
    /// </summary>
    private async Task<IReadOnlyList<string>?> SaleOrderFieldsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var fields = await odoo.ExecuteAsync(new OdooCall(OdooFields.SaleOrder, "fields_get")
            {
                Keywords = [new("allfields", new JsonArray("opportunity_id")), new("attributes", new JsonArray("type"))],
            }, cancellationToken);
            return fields.TryGetProperty("opportunity_id", out _) ? OdooFields.SaleOrderFields : [.. OdooFields.SaleOrderFields.Where(f => f != "opportunity_id")];
        }
        catch (OdooException e) when (e.Kind is OdooErrorKind.ServerError or OdooErrorKind.MissingAccessRights or OdooErrorKind.EndpointMissing
            or OdooErrorKind.Invalid)
        {
            Log.NoSaleOrders(logger, e.Message);
            return null;
        }
    }

    private async Task<OdooSyncCursor> LoadCursorAsync(string model, CancellationToken cancellationToken) =>
        OdooSyncCursor.Parse((await db.SyncStates.AsNoTracking().FirstOrDefaultAsync(s => s.Name == OdooSyncCursor.StateName(model), cancellationToken))?.Value);

    private static long IdOf(JsonElement record) => record.GetProperty("id").GetInt64();

    private static DateTime WriteDate(JsonElement record) =>
        OdooJson.Time(record, "write_date") ?? throw new OdooException(OdooErrorKind.ServerError, $"Odoo record {IdOf(record)} has no write_date.");

    private sealed record Feed(string Model, IReadOnlyList<string> Fields);

    /// <summary>Records read from Odoo, and the cursor once they are stored.</summary>
    private sealed record Page(IReadOnlyList<JsonElement> Records, OdooSyncCursor Cursor);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Odoo sync: {Model} read {Done} of about {Total} changed records")]
        public static partial void Progress(ILogger logger, string model, int done, long total);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Odoo sync finished: {Leads} leads, {SaleOrders} sale orders in {Seconds:0.0} s")]
        public static partial void Finished(ILogger logger, int leads, int saleOrders, double seconds);

        [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Odoo sync skips sale orders: {Reason}")]
        public static partial void NoSaleOrders(ILogger logger, string reason);
    }
}
