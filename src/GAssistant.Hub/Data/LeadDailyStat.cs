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

/// <summary>What a daily outcome rollup row is grouped by besides the day: the leads' source, or their UTM campaign.</summary>
public enum OutcomeGrouping
{
    Source = 0,
    Campaign = 1,
}

/// <summary>
/// The leads created on one UTC day that share source (or UTM campaign), stage, type and outcome, and for won leads the
/// whole days from creation to win: the funnel's steps and the cohorts' "won within N days" without reading the leads.
/// Kept by triggers on leads like <see cref="LeadDailyStat"/> (migration LeadOutcomeRollups), test and deleted leads
/// left out. Each lead is counted twice, once per <see cref="OutcomeGrouping"/>: a source crossed with a campaign would
/// make nearly one row per lead again.
/// </summary>
public sealed class LeadDailyOutcome
{
    /// <summary>Days to win are counted up to this; a lead won later counts as won after this many days.</summary>
    public const int MaxWonDays = 366;

    /// <summary><see cref="WonDays"/> of a lead that is not won, or is won without a creation or closing date.</summary>
    public const int NotWon = -1;

    public DateOnly Day { get; set; }
    public OutcomeGrouping GroupedBy { get; set; }

    /// <summary>The source or the UTM campaign, "" for none.</summary>
    public string Grouping { get; set; } = "";

    /// <summary>Odoo's stage id, 0 for none; and its name, "" for none.</summary>
    public long StageId { get; set; }
    public string Stage { get; set; } = "";

    /// <summary><c>lead</c> or <c>opportunity</c>.</summary>
    public string Type { get; set; } = "";
    public bool IsWon { get; set; }

    /// <summary>
    /// Whole days from creation to closing, rounded up (won 7 days and an hour after: 8), from 0 to <see cref="MaxWonDays"/>;
    /// <see cref="NotWon"/> otherwise. "Won within N days" is exactly <c>WonDays &lt;= N</c>.
    /// </summary>
    public int WonDays { get; set; }
    public int Leads { get; set; }
    public decimal Revenue { get; set; }

    /// <summary>The rule of <see cref="WonDays"/> on one lead, as the triggers apply it (whole seconds, as Odoo stores times).</summary>
    public static int WonDaysOf(bool isWon, DateTime? created, DateTime? closed)
    {
        if (!isWon || created is not { } from || closed is not { } to)
        {
            return NotWon;
        }

        var seconds = to.Ticks / TimeSpan.TicksPerSecond - from.Ticks / TimeSpan.TicksPerSecond;
        return seconds <= 0 ? 0 : (int)Math.Min(MaxWonDays, (seconds + 86_399) / 86_400);
    }
}

/// <summary>
/// The leads created on one UTC day by source, UTM campaign and Meta campaign (<see cref="Lead.MetaCampaignId"/>, "" for
/// none): which Meta campaigns' spend the funnel's sources and campaigns carry. Kept by the triggers of
/// <see cref="LeadDailyOutcome"/>.
/// </summary>
public sealed class LeadDailyMetaCampaign
{
    public DateOnly Day { get; set; }
    public string Source { get; set; } = "";
    public string Campaign { get; set; } = "";
    public string MetaCampaignId { get; set; } = "";
    public int Leads { get; set; }
}
