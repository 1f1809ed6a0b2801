namespace GAssistant.Hub.Data;

/// <summary>
/// An Odoo <c>res.currency.rate</c>: on <see cref="Date"/>, one unit of the company currency is worth <see cref="Rate"/>
/// units of <see cref="Currency"/> (Odoo's convention; the company currency itself has rate 1 or no rate at all).
/// </summary>
public sealed class CurrencyRate
{
    /// <summary>ISO code (<c>res.currency.name</c>), e.g. <c>USD</c>.</summary>
    public string Currency { get; set; } = "";
    public DateOnly Date { get; set; }
    public decimal Rate { get; set; }

    /// <summary>Odoo's id of the rate row, so a re-read updates it in place.</summary>
    public long OdooId { get; set; }
    public DateTime SyncedAt { get; set; }
}
