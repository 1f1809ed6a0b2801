using System.Security.Cryptography;
using System.Text;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// Exports every table incrementally: creates it when missing (tables.get → 404 → tables.insert), then sends the rows
/// between its watermark and now. The range is saved before sending (<c>bigquery:TABLE:pending</c>) so a run that failed
/// midway retries exactly the same range: a load job keeps its job id (derived from table, range and attempt), so if
/// BigQuery had accepted it the retry gets 409 and waits for that job instead of loading twice; a stream keeps its
/// insertIds. The watermark moves only once BigQuery has the rows.
/// </summary>
public sealed partial class BigQueryExport(
    IServiceProvider services, HubDbContext db, BigQueryClient client, BigQueryStatus status, IOptionsMonitor<BigQueryOptions> options,
    TimeProvider clock, ILogger<BigQueryExport> logger)
{
    public const string JobKind = "bigquery-export";

    public async Task<string> RunAsync(JobProgress? progress, CancellationToken cancellationToken)
    {
        if (!status.TryStart())
        {
            return "An export is already running.";
        }

        var failures = new List<string>();
        var rows = 0;
        try
        {
            var tables = ExportTables.All;
            for (var i = 0; i < tables.Count; i++)
            {
                var percent = 100 * i / tables.Count;
                status.Progress(percent, tables[i].Name);
                if (progress is not null)
                {
                    await progress.ReportAsync(percent, $"Exporting {tables[i].Name}.");
                }

                var run = await ExportTableAsync(tables[i], cancellationToken);
                status.Record(run);
                rows += run.Rows;
                if (!run.Succeeded)
                {
                    failures.Add($"{run.Table}: {run.Message}");
                }
            }
        }
        finally
        {
            status.Finish(clock.GetUtcNow().UtcDateTime);
        }

        return failures.Count == 0
            ? $"Exported {rows} rows to {options.CurrentValue.ProjectId}.{options.CurrentValue.Dataset}."
            : throw new InvalidOperationException("BigQuery export failed for " + string.Join(" ", failures));
    }

    private async Task<BigQueryTableRun> ExportTableAsync(ExportTable table, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var watermark = await ReadStateAsync(WatermarkName(table.Name), cancellationToken) ?? table.InitialWatermark(now, o);
        string? jobId = null;
        var method = "none";
        var count = 0;
        try
        {
            if (!await client.TableExistsAsync(table.Name, cancellationToken))
            {
                await client.CreateTableAsync(table.Spec, cancellationToken);
                Log.TableCreated(logger, table.Name);
            }

            var pending = Pending.Parse(await ReadStateAsync(PendingName(table.Name), cancellationToken));
            if (pending is null || pending.From != watermark)
            {
                var upper = table.UpperBound(now, o);
                if (table.Compare(upper, watermark) <= 0)
                {
                    return new BigQueryTableRun(table.Name, watermark, 0, method, null, now, true, "Nothing new.");
                }

                pending = new Pending(watermark, upper, 1);
                await WriteStateAsync(PendingName(table.Name), pending.ToString(), cancellationToken);
            }

            var rows = await table.ReadAsync(services, pending.From, pending.To, cancellationToken);
            count = rows.Count;
            if (rows.Count > 0 && rows.Count <= o.StreamingMaxRows)
            {
                method = "insert_all";
                var errors = await client.InsertAllAsync(table.Name, rows, cancellationToken);
                if (errors.Count > 0)
                {
                    throw new BigQueryException(200, "insertErrors", $"BigQuery refused {errors.Select(e => e.Index).Distinct().Count()} of {rows.Count} rows: "
                        + string.Join("; ", errors.Take(5).Select(e => $"row {e.Index} {e.Location} {e.Reason}: {e.Message}")));
                }
            }
            else if (rows.Count > 0)
            {
                method = "load_job";
                jobId = JobId(o, table.Name, pending);
                var job = await WaitAsync(await client.StartLoadAsync(jobId, table.Name, rows, cancellationToken), o, cancellationToken);
                if (job.Failed)
                {
                    // A failed load loaded nothing; the next attempt needs a new job id (this one is taken).
                    await WriteStateAsync(PendingName(table.Name), (pending with { Attempt = pending.Attempt + 1 }).ToString(), cancellationToken);
                    throw new BigQueryException(200, job.ErrorReason, $"Load job {jobId} failed: {job.ErrorReason}: {job.ErrorMessage}");
                }
            }

            await WriteStateAsync(WatermarkName(table.Name), pending.To, cancellationToken);
            await DeleteStateAsync(PendingName(table.Name), cancellationToken);
            Log.Exported(logger, table.Name, count, method);
            return new BigQueryTableRun(table.Name, pending.To, count, method, jobId, now, true, $"{count} rows up to {pending.To}.");
        }
        catch (Exception e) when (e is BigQueryException or HttpRequestException or TimeoutException or InvalidOperationException or IOException
            or Google.Apis.Auth.OAuth2.Responses.TokenResponseException)
        {
            Log.Failed(logger, table.Name, e);
            return new BigQueryTableRun(table.Name, watermark, count, method, jobId, now, false, e.Message);
        }
    }

    private async Task<BigQueryJobState> WaitAsync(BigQueryJobState job, BigQueryOptions o, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + o.JobTimeout;
        while (!job.Done)
        {
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Load job {job.JobId} was still {job.State} after {o.JobTimeout}; the next run picks it up.");
            }

            await Task.Delay(o.JobPollInterval, clock, cancellationToken);
            job = await client.GetJobAsync(job.JobId, cancellationToken);
        }

        return job;
    }

    /// <summary>Job ids allow letters, digits, _ and - (https://cloud.google.com/bigquery/docs/running-jobs#generate-jobid).</summary>
    internal static string JobId(BigQueryOptions o, string table, Pending pending)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{o.ProjectId}.{o.Dataset}.{table}|{pending.From}|{pending.To}|{pending.Attempt}"));
        return $"gassistant_{table}_{Convert.ToHexStringLower(hash)[..32]}";
    }

    public static string WatermarkName(string table) => $"bigquery:{table}";

    private static string PendingName(string table) => $"bigquery:{table}:pending";

    private async Task<string?> ReadStateAsync(string name, CancellationToken cancellationToken) =>
        (await db.SyncStates.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, cancellationToken))?.Value;

    private async Task WriteStateAsync(string name, string value, CancellationToken cancellationToken)
    {
        var state = await db.SyncStates.FindAsync([name], cancellationToken);
        if (state is null)
        {
            state = new SyncState { Name = name };
            db.SyncStates.Add(state);
        }

        state.Value = value;
        state.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task DeleteStateAsync(string name, CancellationToken cancellationToken) =>
        await db.SyncStates.Where(s => s.Name == name).ExecuteDeleteAsync(cancellationToken);

    /// <summary>A range being exported: (From, To] and the load attempt.</summary>
    internal sealed record Pending(string From, string To, int Attempt)
    {
        public override string ToString() => $"{Attempt}|{From}|{To}";

        public static Pending? Parse(string? text) =>
            text?.Split('|') is [var attempt, var from, var to] && int.TryParse(attempt, out var n) ? new Pending(from, to, n) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Created BigQuery table {Table}")]
        public static partial void TableCreated(ILogger logger, string table);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Exported {Count} rows of {Table} by {Method}")]
        public static partial void Exported(ILogger logger, string table, int count, string method);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "Exporting {Table} to BigQuery failed; the same range is retried next run")]
        public static partial void Failed(ILogger logger, string table, Exception exception);
    }
}
