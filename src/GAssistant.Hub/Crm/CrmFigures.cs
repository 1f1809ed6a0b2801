namespace GAssistant.Hub.Crm;

public sealed record CampaignFigure(string Campaign, int Leads, int Won, decimal ExpectedRevenue);

/// <summary>What /crm shows for one filter: the API's summary plus the breakdowns only the page draws.</summary>
public sealed record CrmFigures(CrmSummary Summary, IReadOnlyList<CampaignFigure> ByCampaign, IReadOnlyList<DayFigure> OverTime)
{
    public const string NoCampaign = "(none)";

    public static CrmFigures From(LeadCube cube)
    {
        var byCampaign = cube.Campaigns.GroupBy(s => s.Campaign ?? NoCampaign)
            .Select(g => new CampaignFigure(g.Key, g.Sum(s => s.Leads), g.Where(s => s.Won).Sum(s => s.Leads), g.Sum(s => s.Revenue)))
            .OrderByDescending(c => c.Leads).ThenBy(c => c.Campaign, StringComparer.Ordinal).ToList();
        return new CrmFigures(CrmSummary.From(cube), byCampaign, cube.Days);
    }
}
