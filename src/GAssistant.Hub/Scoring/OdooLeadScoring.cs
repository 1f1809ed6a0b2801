namespace GAssistant.Hub.Scoring;

/// <summary>
/// Odoo 17's Predictive Lead Scoring re-implemented from its source (addons/crm/models/crm_lead.py,
/// not copied): a naive Bayes over the won and lost frequencies of each (team, field, value) as kept in
/// <c>crm.lead.scoring.frequency</c>. Kept faithful on purpose, quirks included, so that the hub's model
/// is compared with what Odoo itself would say:
/// <list type="bullet">
/// <item>Frequencies are built as <c>_pls_prepare_frequencies</c> does in rebuild mode: a won lead counts
/// for every stage, a lost one for its stage and the stages before it (by sequence); empty values are not
/// counted; each (team, field, value) row starts at +0.1 won and +0.1 lost (<c>_pls_update_frequency_table</c>).</item>
/// <item>Totals of won and lost come from the first stage's row (<c>_pls_get_won_lost_total_count</c>).</item>
/// <item>The probability follows <c>_pls_get_naive_bayes_probabilities</c>: a lead's team table when its team
/// has frequencies, else all teams together; values never seen are skipped; a stage's likelihood is divided
/// by the team totals, any other field's by that field's totals; the result in percent is rounded to two
/// decimals and kept within 0.01–99.99; no stage gives 0, a won stage 100.</item>
/// </list>
/// Tags (<c>tag_id</c>, ignored under 50 closed leads per tag) are not used by the hub and not implemented.
/// </summary>
public sealed class OdooLeadScoring
{
    public const string StageField = "stage_id";
    private const double Smoothing = 0.1;

    /// <summary>A stage of the pipeline; Odoo orders them by sequence, then id.</summary>
    public sealed record Stage(string Id, int Sequence, bool IsWon = false);

    /// <summary>A lead as PLS sees it: team, stage and the chosen fields' values (empty ones left out).</summary>
    public sealed record PlsLead(string? Team, string? Stage, IReadOnlyList<KeyValuePair<string, string>> Values);

    private sealed class Count
    {
        public double Won;
        public double Lost;
    }

    private readonly List<Stage> _stages;

    // Raw counts by team ("" = no team), field and value; the +0.1 is added when read, as Odoo adds it
    // once when it creates the row from the counts of a rebuild.
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, Count>>> _counts = new(StringComparer.Ordinal);

    // Smoothed tables as Probability reads them, built once after the last AddClosed.
    private readonly Dictionary<string, Dictionary<string, FieldTable>> _tables = new(StringComparer.Ordinal);
    private const string AllTeams = "\0all";

    public OdooLeadScoring(IEnumerable<Stage> stages)
    {
        _stages = stages.OrderBy(s => s.Sequence).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (_stages.Count == 0)
        {
            throw new ArgumentException("PLS needs at least one stage.", nameof(stages));
        }
    }

    /// <summary>Counts a closed lead (<c>_pls_prepare_frequencies</c>, rebuild mode).</summary>
    public void AddClosed(PlsLead lead, bool won)
    {
        _tables.Clear();
        var team = lead.Team ?? "";
        if (lead.Stage is { } stageId)
        {
            var current = _stages.Find(s => s.Id == stageId) ?? throw new ArgumentException($"Unknown stage '{stageId}'.", nameof(lead));
            foreach (var stage in _stages.Where(s => won || s.Sequence <= current.Sequence))
            {
                Increment(team, StageField, stage.Id, won);
            }
        }

        foreach (var (field, value) in lead.Values)
        {
            Increment(team, field, value, won);
        }
    }

    private void Increment(string team, string field, string value, bool won)
    {
        var fields = _counts.TryGetValue(team, out var f) ? f : _counts[team] = new(StringComparer.Ordinal);
        var values = fields.TryGetValue(field, out var v) ? v : fields[field] = new(StringComparer.Ordinal);
        var count = values.TryGetValue(value, out var c) ? c : values[value] = new Count();
        if (won)
        {
            count.Won++;
        }
        else
        {
            count.Lost++;
        }
    }

    /// <summary>The lead's probability to be won, in percent, or <c>null</c> where Odoo computes none.</summary>
    public double? Probability(PlsLead lead)
    {
        if (lead.Stage is null)
        {
            return 0;
        }

        if (_stages.Find(s => s.Id == lead.Stage) is { IsWon: true })
        {
            return 100;
        }

        // A team with frequency rows has its own table; a lead of another team, or of none, uses all rows.
        var table = lead.Team is { Length: > 0 } team && _counts.ContainsKey(team) ? Table(team) : Table(null);
        var (teamWon, teamLost) = FirstStageTotals(table);
        if (teamWon == 0 || teamLost == 0)
        {
            return null;
        }

        double sWon = teamWon / (teamWon + teamLost), sLost = teamLost / (teamWon + teamLost);
        foreach (var (field, value) in lead.Values.Prepend(new(StageField, lead.Stage)))
        {
            if (!table.TryGetValue(field, out var fieldTable) || !fieldTable.Values.TryGetValue(value, out var counts))
            {
                continue;
            }

            var totalWon = field == StageField ? teamWon : fieldTable.WonTotal;
            var totalLost = field == StageField ? teamLost : fieldTable.LostTotal;
            if (totalWon == 0 || totalLost == 0)
            {
                continue;
            }

            sWon *= counts.Won / totalWon;
            sLost *= counts.Lost / totalLost;
        }

        var probability = sWon / (sWon + sLost);
        return Math.Min(Math.Max(Math.Round(100 * probability, 2), 0.01), 99.99);
    }

    private sealed record FieldTable(Dictionary<string, (double Won, double Lost)> Values, double WonTotal, double LostTotal);

    /// <summary>Smoothed rows of one team, or of every team added up (Odoo's <c>result[-1]</c>) when <paramref name="team"/> is null.</summary>
    private Dictionary<string, FieldTable> Table(string? team)
    {
        if (_tables.TryGetValue(team ?? AllTeams, out var cached))
        {
            return cached;
        }

        IEnumerable<Dictionary<string, Dictionary<string, Count>>> rows = team is null ? _counts.Values : [_counts[team]];
        var merged = new Dictionary<string, Dictionary<string, (double Won, double Lost)>>(StringComparer.Ordinal);
        foreach (var fields in rows)
        {
            foreach (var (field, values) in fields)
            {
                var target = merged.TryGetValue(field, out var t) ? t : merged[field] = new(StringComparer.Ordinal);
                foreach (var (value, count) in values)
                {
                    var (won, lost) = target.GetValueOrDefault(value);
                    target[value] = (won + count.Won + Smoothing, lost + count.Lost + Smoothing);
                }
            }
        }

        return _tables[team ?? AllTeams] = merged.ToDictionary(
            m => m.Key,
            m => new FieldTable(m.Value, m.Value.Values.Sum(v => v.Won), m.Value.Values.Sum(v => v.Lost)),
            StringComparer.Ordinal);
    }

    private (double Won, double Lost) FirstStageTotals(Dictionary<string, FieldTable> table) =>
        table.TryGetValue(StageField, out var stages) && stages.Values.TryGetValue(_stages[0].Id, out var first)
            ? first
            : (0, 0);
}
