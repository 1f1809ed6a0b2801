using GAssistant.Hub.Data;

namespace GAssistant.Hub.Crm;

/// <summary>A lead as the API shows it (CONTRACT.md, <c>GET /api/odoo/leads</c>); <c>id</c> is Odoo's id.</summary>
public sealed record LeadDto(
    long Id,
    string Name,
    string? PartnerName,
    string? Email,
    string? Phone,
    decimal ExpectedRevenue,
    string? Currency,
    double Probability,
    string? Stage,
    string? Source,
    string? Campaign,
    string? Medium,
    string Type,
    bool Won,
    bool Lost,
    bool Active,
    DateTime? CreateDate,
    DateTime? WriteDate,
    double? Score = null,
    IReadOnlyList<string>? ScoreReasons = null)
{
    /// <remarks><c>score</c> (0–100) and <c>score_reasons</c> come from the hub's lead scoring (Scoring/).</remarks>
    public static LeadDto From(Lead l) => new(
        l.OdooId, l.Name, l.PartnerName, l.Email, l.Phone, l.ExpectedRevenue, l.Currency, l.Probability,
        l.StageName, l.Source, l.Campaign, l.Medium, l.Type, l.IsWon, l.IsLost, l.Active, l.CreateDate, l.WriteDate,
        l.Score, l.ScoreReasons is null ? null : System.Text.Json.JsonSerializer.Deserialize<string[]>(l.ScoreReasons));
}
