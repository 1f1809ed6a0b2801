using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Health;

/// <summary>One check in <c>GET /api/health/checks</c>; <c>finding</c> and <c>action</c> in English (the pages say them in the reader's language).</summary>
public sealed record HealthCheckView(
    string Key, string Kind, string Name, CheckState State, string Code, IReadOnlyList<string> Arguments, string Finding, string Action,
    DateTimeOffset Since, DateTimeOffset? LastSuccess, DateTimeOffset CheckedAt, double? UsagePercent)
{
    public static HealthCheckView From(HealthCheck check) =>
        new(check.Result.Key, check.Result.Kind, check.Result.Name, check.State, check.Result.Code, check.Result.Arguments,
            CheckText.Finding(check.Result, "en"), CheckText.Action(check.Result, "en"), check.Since, check.LastSuccess, check.CheckedAt, check.Result.UsagePercent);
}

/// <param name="Status"><c>ok</c>, <c>warning</c> or <c>failing</c>: the worst check; <c>not_run</c> before the first run.</param>
public sealed record HealthChecksResponse(string Status, DateTimeOffset? CheckedAt, IReadOnlyList<HealthCheckView> Checks);

/// <summary><c>GET /api/health/checks</c> (admin): the scheduled connection checks as they stand.</summary>
public static class HealthApi
{
    public static WebApplication MapHealthChecksApi(this WebApplication app)
    {
        app.MapGet("/api/health/checks", GetChecks).WithTags("Operations").WithName("HealthChecks")
            .WithSummary("The scheduled checks of Meta's token, Pages and ad accounts and of Odoo and its addon: state, since when, last success, what to do.")
            .RequireRateLimiting(RateLimits.Api).RequireAdmin();
        return app;
    }

    internal static Ok<HealthChecksResponse> GetChecks(HealthBoard board)
    {
        var status = board.LastRunAt is null ? "not_run" : board.Worst.ToString().ToLowerInvariant();
        return TypedResults.Ok(new HealthChecksResponse(status, board.LastRunAt, [.. board.Checks.Select(HealthCheckView.From)]));
    }
}
