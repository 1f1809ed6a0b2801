using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Crm;

/// <summary>
/// Takes test leads out of what the daily rollups sum: the rollups' triggers count every lead, and test leads (a handful,
/// read through their own small index) are subtracted from the slices, days and campaigns they fall in.
/// </summary>
internal static class TestLeadCorrection
{
    /// <summary>
    /// The test leads the filter selects. They are read alone through their partial index (<c>ix_leads_test</c>, WHERE
    /// is_test) and filtered here by the same <see cref="LeadQueries.Matching"/>: with the filter's <c>deleted = @p</c>
    /// in the SQL, SQLite walked the whole dashboard index instead (a million entries to find none: the leads table's
    /// first page of "All time" went from 2 to 350 ms in bench/dashboard-queries.sh).
    /// </summary>
    private static async Task<List<Lead>> TestLeadsAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken)
    {
        var tests = await db.Leads.AsNoTracking().Where(l => l.IsTest).ToListAsync(cancellationToken);
        return tests.Count == 0 ? tests : [.. tests.AsQueryable().Matching(filter)];
    }

    public static async Task<(IReadOnlyList<LeadSlice>, IReadOnlyList<DayFigure>)> SubtractAsync(HubDbContext db, LeadFilter filter,
        IReadOnlyList<LeadSlice> slices, IReadOnlyList<DayFigure> days, CancellationToken cancellationToken)
    {
        var tests = await TestLeadsAsync(db, filter, cancellationToken);
        if (tests.Count == 0)
        {
            return (slices, days);
        }

        var lessSlices = slices.Select(s =>
        {
            var mine = tests.Where(l => Same(l.StageName, s.Stage) && Same(l.Source, s.Source) && Same(l.Currency, s.Currency)
                && l.IsWon == s.Won && IsOpen(l) == s.Open).ToList();
            return s with
            {
                Leads = s.Leads - mine.Count,
                Revenue = s.Revenue - mine.Sum(l => l.ExpectedRevenue),
                RevenueTimesProbability = s.RevenueTimesProbability - mine.Sum(l => l.ExpectedRevenue * (decimal)l.Probability),
                ProbabilitySum = s.ProbabilitySum - mine.Sum(l => l.Probability),
            };
        }).Where(s => s.Leads > 0).ToList();
        var lessDays = days.Select(d =>
        {
            var mine = tests.Where(l => l.CreateDate is { } c && DateOnly.FromDateTime(c) == d.Day).ToList();
            return d with { Leads = d.Leads - mine.Count, Won = d.Won - mine.Count(l => l.IsWon) };
        }).Where(d => d.Leads > 0).ToList();
        return (lessSlices, lessDays);
    }

    public static async Task<IReadOnlyList<CampaignSlice>> SubtractAsync(HubDbContext db, LeadFilter filter, IReadOnlyList<CampaignSlice> campaigns,
        CancellationToken cancellationToken)
    {
        var tests = await TestLeadsAsync(db, filter, cancellationToken);
        return tests.Count == 0 ? campaigns : campaigns.Select(c =>
        {
            var mine = tests.Where(l => Same(l.Campaign, c.Campaign) && l.IsWon == c.Won && IsOpen(l) == c.Open).ToList();
            return c with { Leads = c.Leads - mine.Count, Revenue = c.Revenue - mine.Sum(l => l.ExpectedRevenue) };
        }).Where(c => c.Leads > 0).ToList();
    }

    public static async Task<int> CountAsync(HubDbContext db, LeadFilter filter, CancellationToken cancellationToken) =>
        (await TestLeadsAsync(db, filter, cancellationToken)).Count;

    private static bool IsOpen(Lead lead) => lead.Active && !lead.IsWon && !lead.IsLost;

    private static bool Same(string? lead, string? slice) => string.Equals(lead ?? "", slice ?? "", StringComparison.Ordinal);
}
