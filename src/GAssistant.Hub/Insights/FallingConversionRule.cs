namespace GAssistant.Hub.Insights;

/// <summary>A source's leads and won leads in the chosen period and in the period of equal length before it.</summary>
public sealed record SourcePeriods(string Source, int Leads, int Won, int PreviousLeads, int PreviousWon);

/// <summary>
/// "Sources with falling conversion": conversion (won ÷ leads created) fell by at least <see cref="MinimumDropPoints"/>
/// percentage points and by at least <see cref="MinimumRelativeDrop"/> of its previous value, with at least
/// <see cref="MinimumLeads"/> leads in each period so a handful of leads cannot trigger it.
/// </summary>
public sealed class FallingConversionRule
{
    public const string Code = "FallingConversion";
    public const int MinimumLeads = 10;
    public const double MinimumDropPoints = 5;
    public const double MinimumRelativeDrop = 0.25;

    public IReadOnlyList<Insight> Evaluate(IEnumerable<SourcePeriods> sources)
    {
        var insights = new List<(double Drop, Insight Insight)>();
        foreach (var s in sources.Where(s => s.Leads >= MinimumLeads && s.PreviousLeads >= MinimumLeads))
        {
            var now = 100.0 * s.Won / s.Leads;
            var before = 100.0 * s.PreviousWon / s.PreviousLeads;
            var drop = before - now;
            if (drop >= MinimumDropPoints && drop >= before * MinimumRelativeDrop)
            {
                insights.Add((drop, new Insight(Code, InsightLevel.Warning, s.Source,
                    [s.Source, Math.Round(before, 1), Math.Round(now, 1), s.PreviousWon, s.PreviousLeads, s.Won, s.Leads])));
            }
        }

        return insights.OrderByDescending(i => i.Drop).Select(i => i.Insight).ToList();
    }
}
