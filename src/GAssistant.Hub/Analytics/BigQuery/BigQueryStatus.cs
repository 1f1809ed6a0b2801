using GAssistant.Hub.Operations;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>One table's last export.</summary>
/// <param name="Method"><c>insert_all</c>, <c>load_job</c> or <c>none</c> (nothing new).</param>
public sealed record BigQueryTableRun(string Table, string Watermark, int Rows, string Method, string? JobId, DateTime At, bool Succeeded, string Message);

/// <summary>What Settings shows: state, whether a run is going and how far, and each table's last export.</summary>
public sealed record BigQuerySnapshot(IntegrationState State, bool Running, int Progress, string? CurrentTable, DateTime? LastRunAt, IReadOnlyList<BigQueryTableRun> Tables);

/// <summary>
/// The export's state for <c>/health</c> (<c>bigquery</c>) and the Settings page, in memory; the watermarks themselves
/// are in SyncStates (<c>bigquery:TABLE</c>). Also the gate that keeps two exports from running at once.
/// </summary>
public sealed class BigQueryStatus(IOptionsMonitor<BigQueryOptions> options) : IIntegrationStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BigQueryTableRun> _tables = new(StringComparer.Ordinal);
    private bool _running;
    private int _progress;
    private string? _current;
    private DateTime? _lastRunAt;

    public string Name => "bigquery";

    public IntegrationState Current()
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return new IntegrationState("not_configured", "Set BigQuery:ProjectId, BigQuery:Dataset and BigQuery:CredentialsFile (a service-account key) to export.",
                new LocalizedHint("Hint.bigquery.not_configured", "BigQuery:ProjectId", "BigQuery:Dataset", "BigQuery:CredentialsFile"));
        }

        lock (_gate)
        {
            var failed = _tables.Values.Where(t => !t.Succeeded).ToList();
            if (failed.Count > 0)
            {
                var errors = string.Join(" ", failed.Select(f => $"{f.Table}: {f.Message}"));
                return new IntegrationState("down", errors, new LocalizedHint("Hint.bigquery.down", errors));
            }

            return _lastRunAt is { } at
                ? new IntegrationState("ok", $"Last export at {at:u} into {o.ProjectId}.{o.Dataset}.", new LocalizedHint("Hint.bigquery.ok", at, $"{o.ProjectId}.{o.Dataset}"))
                : new IntegrationState("configured", $"Exports to {o.ProjectId}.{o.Dataset}; no run yet.", new LocalizedHint("Hint.bigquery.configured", $"{o.ProjectId}.{o.Dataset}"));
        }
    }

    public BigQuerySnapshot Snapshot()
    {
        lock (_gate)
        {
            return new BigQuerySnapshot(Current(), _running, _progress, _current, _lastRunAt, _tables.Values.OrderBy(t => t.Table, StringComparer.Ordinal).ToList());
        }
    }

    internal bool TryStart()
    {
        lock (_gate)
        {
            if (_running)
            {
                return false;
            }

            (_running, _progress, _current) = (true, 0, null);
            return true;
        }
    }

    internal void Progress(int percent, string table)
    {
        lock (_gate)
        {
            (_progress, _current) = (percent, table);
        }
    }

    internal void Record(BigQueryTableRun run)
    {
        lock (_gate)
        {
            _tables[run.Table] = run;
        }
    }

    internal void Finish(DateTime at)
    {
        lock (_gate)
        {
            (_running, _progress, _current, _lastRunAt) = (false, 100, null, at);
        }
    }
}
