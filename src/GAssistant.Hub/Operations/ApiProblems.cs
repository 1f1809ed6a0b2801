using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Operations;

/// <summary>RFC 9457 problem details with the contract's <c>success: false</c>.</summary>
public static class ApiProblems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        TypedResults.ValidationProblem(errors, title: title, extensions: Failure());

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: Failure());

    /// <summary>Dates a request may name: wide enough for any CRM's history, narrow enough that a day after the last is still a date.</summary>
    public static readonly DateOnly MinDate = new(1900, 1, 1);

    public static readonly DateOnly MaxDate = new(2999, 12, 31);

    public static string DateRangeError(string field) => $"'{field}' must be a date from {MinDate:yyyy-MM-dd} to {MaxDate:yyyy-MM-dd}.";

    public static bool InRange(DateOnly date) => date >= MinDate && date <= MaxDate;

    /// <summary>An optional <c>yyyy-MM-dd</c> date of a request; anything else is recorded in <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (InRange(date))
            {
                return date;
            }

            errors[field] = [DateRangeError(field)];
            return null;
        }

        errors[field] = ["Expected a date like 2026-11-01."];
        return null;
    }

    private static Dictionary<string, object?> Failure() => new() { ["success"] = false };
}
