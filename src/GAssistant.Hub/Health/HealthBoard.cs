using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Health;

/// <summary>
/// The checks as they stand, for <c>/health</c> (as the <c>checks</c> integration), <c>GET /api/health/checks</c>, the
/// banner and Settings. A run's results replace the previous ones; a check keeps its <c>since</c> while its state holds.
/// Kept in memory: after a restart the first run (within <see cref="HealthOptions.FirstCheckDelay"/>) fills it again.
/// </summary>
public sealed class HealthBoard : IIntegrationStatus
{
    private readonly Lock _gate = new();
    private Dictionary<string, HealthCheck> _checks = new(StringComparer.Ordinal);

    public string Name => "checks";

    public DateTimeOffset? LastRunAt { get; private set; }

    public IReadOnlyList<HealthCheck> Checks
    {
        get
        {
            lock (_gate)
            {
                return [.. _checks.Values.OrderByDescending(c => c.State).ThenBy(c => c.Result.Key, StringComparer.Ordinal)];
            }
        }
    }

    public CheckState Worst => Checks.Select(c => c.State).DefaultIfEmpty(CheckState.Ok).Max();

    /// <summary>Takes a run's results; returns the checks whose state changed (a new check counts when it is not ok).</summary>
    public IReadOnlyList<HealthChange> Apply(IReadOnlyList<CheckResult> results, DateTimeOffset now)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, HealthCheck>(StringComparer.Ordinal);
            var changes = new List<HealthChange>();
            foreach (var result in results.DistinctBy(r => r.Key))
            {
                var before = _checks.GetValueOrDefault(result.Key);
                var lastSuccess = result.State == CheckState.Ok ? now : before?.LastSuccess;
                var since = before is not null && before.State == result.State ? before.Since : now;
                var check = new HealthCheck(result, since, lastSuccess, now);
                next[result.Key] = check;
                if (before is null ? result.State != CheckState.Ok : before.State != result.State)
                {
                    changes.Add(new HealthChange(check, before?.State));
                }
            }

            _checks = next;
            LastRunAt = now;
            return changes;
        }
    }

    public IntegrationState Current()
    {
        var checks = Checks;
        if (LastRunAt is null)
        {
            return new IntegrationState("configured", "The connection checks have not run yet.");
        }

        var bad = checks.Where(c => c.State != CheckState.Ok).ToList();
        var state = Worst switch { CheckState.Failing => "failing", CheckState.Warning => "warning", _ => "ok" };
        var detail = bad.Count == 0
            ? $"{checks.Count} checks ok at {LastRunAt:u}."
            : string.Join(' ', bad.Select(c => $"{c.Result.Key}: {CheckText.Finding(c.Result, "en")}"));
        return new IntegrationState(state, detail)
        {
            Notices = [.. bad.Select(c => new IntegrationNotice("check." + c.Result.Code, c.Result.Arguments, CheckText.Finding(c.Result, "en")))],
        };
    }
}
