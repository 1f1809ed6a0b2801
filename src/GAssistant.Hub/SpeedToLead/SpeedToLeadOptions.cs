using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Scheduling;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>
/// <c>SpeedToLead:*</c> (CONTRACT.md): the salesperson's email on a new lead, the team leader's when nobody answered it,
/// and the working time both are counted in — the working week (per team) and the quiet hours, in the business's zone.
/// </summary>
public sealed class SpeedToLeadOptions : IValidatableObject
{
    public const string Section = "SpeedToLead";

    /// <summary>Email the salesperson of each new lead the hub assigns (needs <c>Reports:Smtp</c>).</summary>
    public bool EmailSalesperson { get; set; } = true;

    /// <summary>The team leader's email when a new lead is still untouched after this much working time; zero: never.</summary>
    [TimeSpanRange("00:00:00", "7.00:00:00")]
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>No email from this time of day (the business's zone) ...</summary>
    public string QuietFrom { get; set; } = "20:00";

    /// <summary>... until this one; equal to <see cref="QuietFrom"/>: no quiet hours.</summary>
    public string QuietUntil { get; set; } = "08:00";

    public WorkingWeek WorkingWeek { get; set; } = WorkingWeek.SundayToThursday;

    /// <summary>A team's own working week, by Odoo <c>crm.team</c> id: <c>SpeedToLead:Teams:4:WorkingWeek</c>.</summary>
    public Dictionary<string, TeamWorkingWeek> Teams { get; set; } = [];

    /// <summary>The business's zone (IANA or Windows id); empty: <c>Reports:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    public WorkingWeek WeekOf(long? teamId) =>
        teamId is { } id && Teams.TryGetValue(id.ToString(CultureInfo.InvariantCulture), out var team) ? team.WorkingWeek : WorkingWeek;

    /// <summary>The working clock of a team (its own week, else the hub's), in this zone or else <paramref name="reportsZone"/>.</summary>
    public WorkingClock Clock(string reportsZone, long? teamId)
    {
        TryTime(QuietFrom, out var from);
        TryTime(QuietUntil, out var until);
        return new WorkingClock(WeekOf(teamId), from, until,
            TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(TimeZone) ? reportsZone : TimeZone));
    }

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TryTime(QuietFrom, out _))
        {
            yield return new ValidationResult($"SpeedToLead:QuietFrom '{QuietFrom}' is not a time of day such as 20:00.", [nameof(QuietFrom)]);
        }

        if (!TryTime(QuietUntil, out _))
        {
            yield return new ValidationResult($"SpeedToLead:QuietUntil '{QuietUntil}' is not a time of day such as 08:00.", [nameof(QuietUntil)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"SpeedToLead:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }

        foreach (var key in Teams.Keys.Where(k => !long.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            yield return new ValidationResult($"SpeedToLead:Teams:{key} must be an Odoo crm.team id (a number).", [nameof(Teams)]);
        }
    }
}

public sealed class TeamWorkingWeek
{
    public WorkingWeek WorkingWeek { get; set; } = WorkingWeek.SundayToThursday;
}
