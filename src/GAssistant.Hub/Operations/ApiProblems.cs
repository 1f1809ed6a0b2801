using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Operations;

/// <summary>RFC 9457 problem details with the contract's <c>success: false</c>.</summary>
public static class ApiProblems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        TypedResults.ValidationProblem(errors, title: title, extensions: Failure());

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: Failure());

    private static Dictionary<string, object?> Failure() => new() { ["success"] = false };
}
