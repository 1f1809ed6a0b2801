using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Health;

/// <summary>
/// The checks as they stand, for <c>/health</c> (as the <c>checks</c> integration), <c>GET /api/health/checks</c>, the
/// banner and Settings. A run's results replace the previous ones; a check keeps its <c>since</c> while its state holds.
/// <see cref="HealthBoardStore"/> keeps a copy in the database after every run and puts it back at start, so a restart
/// is not a change: no second alert, the banner and each check's <c>since</c> stay.
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

    /// <summary>The board as it stands, to keep across a restart.</summary>
    public HealthBoardSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new HealthBoardSnapshot(LastRunAt, [.. _checks.Values]);
        }
    }

    /// <summary>Puts back what an earlier run of this hub found, before this one's first run; changes nothing once a run applied.</summary>
    public bool Restore(HealthBoardSnapshot snapshot)
    {
        lock (_gate)
        {
            if (LastRunAt is not null)
            {
                return false;
            }

            _checks = snapshot.Checks.DistinctBy(c => c.Result.Key).ToDictionary(c => c.Result.Key, StringComparer.Ordinal);
            LastRunAt = snapshot.LastRunAt;
            return true;
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

/// <summary>What <see cref="HealthBoard.Snapshot"/> keeps: when the checks last ran and each check as it stood.</summary>
public sealed record HealthBoardSnapshot(DateTimeOffset? LastRunAt, IReadOnlyList<HealthCheck> Checks);
