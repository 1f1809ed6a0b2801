using System.Globalization;
using System.Text.RegularExpressions;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Scoring;

/// <summary>
/// What the hub knows about a lead when it arrives, as scoring features. Only fields set at or near
/// creation: never the stage, probability, close date or salesperson's later edits, which are filled
/// in on the way to the outcome (leakage; <see cref="LeakageGuard"/> also screens every training run).
/// Arrival hour and weekday are in UTC, the time Odoo stores.
/// </summary>
public static partial class LeadFeatures
{
    public const string Team = "team";

    public static readonly IReadOnlyList<ScoringColumn> Columns =
    [
        new("source", ColumnKind.Category),
        new("medium", ColumnKind.Category),
        new("campaign", ColumnKind.Category),
        new(Team, ColumnKind.Category),
        new("country", ColumnKind.Category),
        new("language", ColumnKind.Category),
        new("email", ColumnKind.Category),
        new("phone", ColumnKind.Category),
        new("arrival hour", ColumnKind.Number),
        new("arrival weekday", ColumnKind.Category),
        new("expected revenue", ColumnKind.Number),
    ];

    public static string?[] Of(Lead lead) =>
    [
        Clean(lead.Source),
        Clean(lead.Medium),
        Clean(lead.Campaign),
        Clean(lead.TeamName),
        Clean(lead.CountryCode),
        Clean(lead.LangCode),
        EmailState(lead.Email),
        PhoneState(lead.Phone),
        lead.CreateDate?.Hour.ToString(CultureInfo.InvariantCulture),
        lead.CreateDate?.DayOfWeek.ToString(),
        lead.ExpectedRevenue.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>Like Odoo's <c>email_state</c>: whether the address looks deliverable; none is a value too.</summary>
    public static string EmailState(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "none" : EmailShape().IsMatch(email.Trim()) ? "valid" : "invalid";

    /// <summary>Like Odoo's <c>phone_state</c>: 7 to 15 digits (E.164's limit) once separators are removed.</summary>
    public static string PhoneState(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return "none";
        }

        var digits = phone.Count(char.IsAsciiDigit);
        var onlySeparators = phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');
        return onlySeparators && digits is >= 7 and <= 15 ? "valid" : "invalid";
    }

    private static string? Clean(string? value) => CsvLeadTable.IsMissing(value) ? null : value!.Trim();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")]
    private static partial Regex EmailShape();
}
