namespace GAssistant.Hub.Analytics;

public enum AttributionLevel
{
    Campaign,
    Adset,
    Ad,
}

/// <summary>
/// One campaign, ad set or ad (CONTRACT.md <c>GET /api/analytics/attribution</c>). Money is in <see cref="Currency"/>, the ad
/// account's; revenue of orders in another currency is converted with Odoo's rates (<see cref="Converted"/>, <see cref="Notes"/>).
/// <see cref="Spend"/> and <see cref="MetaLeads"/> are Meta's numbers; <see cref="Leads"/> and what follows are Odoo's.
/// </summary>
public sealed record AttributionRow(
    string? CampaignId, string? CampaignName, string? AdsetId, string? AdsetName, string? AdId, string? AdName,
    decimal? Spend, long? MetaLeads, int Leads, int Opportunities, int Won, int ConfirmedOrders, decimal Revenue, string? Currency,
    decimal? Roas, decimal? CostPerLead, decimal? CostPerWon, decimal? LeadToWonRate, double? MedianDaysToWin,
    bool Converted, IReadOnlyList<string> Notes);

/// <summary>Sums over every row; money totals are null when the rows are in different currencies.</summary>
public sealed record AttributionTotals(
    decimal? Spend, int Leads, int Opportunities, int Won, decimal? Revenue, string? Currency, decimal? Roas,
    decimal? CostPerLead, decimal? CostPerWon, decimal? LeadToWonRate, double? MedianDaysToWin, int UnattributedLeads);

public sealed record AttributionReport(
    bool Success, DateOnly From, DateOnly To, string Level, IReadOnlyList<AttributionRow> Rows, AttributionTotals Totals,
    IReadOnlyList<string> Notes, string Message);
