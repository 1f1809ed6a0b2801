using System.Globalization;

namespace GAssistant.Hub.Odoo;

/// <summary>What one reconciliation run read from Odoo.</summary>
public sealed record OdooSyncResult(int Leads, int SaleOrders, TimeSpan Elapsed)
{
    public double LeadsPerSecond => Elapsed.TotalSeconds > 0 ? Leads / Elapsed.TotalSeconds : 0;

    public string Message => string.Create(CultureInfo.InvariantCulture, $"Read {Leads} leads and {SaleOrders} sale orders from Odoo in {Elapsed.TotalSeconds:0.0} s.");
}
