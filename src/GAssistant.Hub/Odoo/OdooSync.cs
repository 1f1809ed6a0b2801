using System.Diagnostics;
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
    IEnumerable<IOdooPullFollowUp> followUps)
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

    private async Task<int> PullAsync(Feed feed, OdooSyncCursor cursor, Func<int, Task> advanced, CancellationToken cancellationToken)
    {
        var batchSize = options.CurrentValue.SyncBatchSize;
        var read = 0;
        // Records of the cursor's second this run has already read: a full page by write_date ends inside a second whose
        // records Odoo orders by the microsecond, not by id, so that second is paged again by id without them.
        IReadOnlyCollection<long> readInSecond = [];
        while (true)
        {
            if (cursor.Second is { } second)
            {
                var rest = await odoo.SearchReadAsync(feed.Model, cursor.RestOfSecond(readInSecond), feed.Fields, "id asc", batchSize, includeArchived: true, cancellationToken);
                if (rest.Count > 0)
                {
                    cursor = new OdooSyncCursor(second, IdOf(rest[^1]));
                    await StoreAsync(feed, rest, cursor, cancellationToken);
                    read += rest.Count;
                    await advanced(rest.Count);
                }

                if (rest.Count == batchSize)
                {
                    continue;
                }
            }

            var later = await odoo.SearchReadAsync(feed.Model, cursor.Later(), feed.Fields, "write_date asc, id asc", batchSize, includeArchived: true, cancellationToken);
            if (later.Count == 0)
            {
                return read;
            }

            // A full page may end inside a second: the next page reads the rest of that second by id, leaving out the
            // records of it this page has. The stored cursor starts the second again: after a crash, it is read whole.
            var lastSecond = OdooSyncCursor.TruncateToSecond(WriteDate(later[^1]));
            var ofLastSecond = later.Where(r => OdooSyncCursor.TruncateToSecond(WriteDate(r)) == lastSecond).Select(IdOf).ToList();
            readInSecond = later.Count == batchSize ? ofLastSecond : [];
            cursor = later.Count == batchSize
                ? new OdooSyncCursor(lastSecond, 0)
                : new OdooSyncCursor(lastSecond, ofLastSecond.Max());
            await StoreAsync(feed, later, cursor, cancellationToken);
            read += later.Count;
            await advanced(later.Count);
            if (later.Count < batchSize)
            {
                return read;
            }
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

    /// <summary>One page and the cursor after it, in one transaction (SaveChanges).</summary>
    private async Task StoreAsync(Feed feed, IReadOnlyList<JsonElement> records, OdooSyncCursor cursor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = records.Select(IdOf).Distinct().ToList();
        if (feed.Model == OdooFields.Lead)
        {
            var existing = await db.Leads.Where(l => ids.Contains(l.OdooId)).ToDictionaryAsync(l => l.OdooId, cancellationToken);
            foreach (var record in records)
            {
                var id = IdOf(record);
                ReplicaUpsert.Upsert(db.Leads, existing.GetValueOrDefault(id), () => existing[id] = new Lead { OdooId = id, OnlyPulled = true }, WriteDate(record), now,
                    lead => OdooRecordMapper.ApplyLead(record, lead, _wonStages));
            }
        }
        else
        {
            var existing = await db.SaleOrders.Where(o => ids.Contains(o.OdooId)).ToDictionaryAsync(o => o.OdooId, cancellationToken);
            foreach (var record in records)
            {
                var id = IdOf(record);
                ReplicaUpsert.Upsert(db.SaleOrders, existing.GetValueOrDefault(id), () => existing[id] = new SaleOrder { OdooId = id }, WriteDate(record), now,
                    order => OdooRecordMapper.ApplySaleOrder(record, order));
            }
        }

        var name = OdooSyncCursor.StateName(feed.Model);
        var state = await db.SyncStates.FindAsync([name], cancellationToken);
        if (state is null)
        {
            state = new SyncState { Name = name };
            db.SyncStates.Add(state);
        }

        state.Value = cursor.ToString();
        state.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
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
