namespace GAssistant.Hub.Data;

/// <summary>
/// The leads created on one UTC day that share stage, source, currency and outcome, summed: a rollup of <c>leads</c>
/// kept exact by database triggers (every insert, update and delete of a lead adjusts its row), so the dashboards read
/// a few dozen rows a day instead of thousands of leads. Campaigns have their own rollup (<see cref="LeadDailyCampaignStat"/>):
/// crossing them with stages and sources would make nearly one row per lead again. Null texts are stored as "", a lead
/// without a creation date under <see cref="NoDay"/>; deleted leads are not counted.
/// </summary>
public sealed class LeadDailyStat
{
    /// <summary>Not <see cref="DateOnly.MinValue"/>: Npgsql reads and writes that as -infinity.</summary>
    public static readonly DateOnly NoDay = new(1900, 1, 1);

    public DateOnly Day { get; set; }
    public string Stage { get; set; } = "";
    public string Source { get; set; } = "";
    public string Currency { get; set; } = "";
    public bool IsWon { get; set; }

    /// <summary>Active, neither won nor lost.</summary>
    public bool IsOpen { get; set; }
    public int Leads { get; set; }
    public decimal Revenue { get; set; }

    /// <summary>Σ expected revenue × probability (0–100); weighted revenue is this ÷ 100.</summary>
    public decimal RevenueTimesProbability { get; set; }
    public double ProbabilitySum { get; set; }
}

/// <summary>The leads created on one UTC day for one campaign (Odoo's UTM campaign, "" for none), by outcome; kept like <see cref="LeadDailyStat"/>.</summary>
public sealed class LeadDailyCampaignStat
{
    public DateOnly Day { get; set; }
    public string Campaign { get; set; } = "";
    public bool IsWon { get; set; }
    public bool IsOpen { get; set; }
    public int Leads { get; set; }
    public decimal Revenue { get; set; }
}
