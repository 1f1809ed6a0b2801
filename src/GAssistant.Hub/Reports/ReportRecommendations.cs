using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Reports;

/// <summary>
/// Plain rules a marketer would apply to the period's campaigns, most money at stake first. Pure.
/// Spend with no lead points at the form or the pixel; a ROAS under 1 loses money (judged only when revenue is tracked at all);
/// a CPL far above the account's average wants new targeting or creative; a high ROAS with leads is worth more budget.
/// </summary>
public static class ReportRecommendations
{
    public const decimal ScaleRoas = 3m;
    public const decimal CplFactor = 1.5m;
    public const int MaxRecommendations = 5;

    public static IReadOnlyList<Recommendation> For(IReadOnlyList<CampaignRow> campaigns, CampaignTotals totals)
    {
        var judged = campaigns.Where(c => c.Spend > 0).OrderByDescending(c => c.Spend).ToList();
        var minimumSpend = totals.Spend == 0 || judged.Count == 0 ? 0 : totals.Spend / judged.Count / 4; // ignore crumbs
        var list = new List<Recommendation>();
        foreach (var c in judged.Where(c => c.Spend >= minimumSpend))
        {
            if (c.Leads == 0)
            {
                list.Add(new("check_tracking", c.Name, c.Spend));
            }
            else if (c.Roas is { } roas && roas < 1m && totals.Revenue > 0)
            {
                list.Add(new("pause", c.Name, c.Roas));
            }
            else if (c.Cpl is { } cpl && totals.Cpl is { } average && cpl > average * CplFactor)
            {
                list.Add(new("review_cpl", c.Name, cpl));
            }
            else if (c.Roas is { } good && good >= ScaleRoas)
            {
                list.Add(new("scale", c.Name, good));
            }
        }

        return list.Take(MaxRecommendations).ToList();
    }
}
