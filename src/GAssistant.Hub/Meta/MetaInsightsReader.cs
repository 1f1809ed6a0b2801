using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Reads an ad account's daily insights at one level (<c>campaign</c> or <c>ad</c>), optionally broken down, over a date range
/// (https://developers.facebook.com/docs/marketing-api/insights), page after page. Ranges longer than
/// <see cref="MetaOptions.AsyncReportDays"/> go through an async report run
/// (https://developers.facebook.com/docs/marketing-api/insights/best-practices#asynchronous), whose rows are read from
/// <c>/{report_run_id}/insights</c> once it is completed.
/// </summary>
public sealed class MetaInsightsReader(GraphClient graph, IOptionsMonitor<MetaOptions> options, TimeProvider clock)
{
    public Task<List<JsonElement>> ReadDailyAsync(string accountId, string level, string fields, DateOnly from, DateOnly to,
        CancellationToken cancellationToken) =>
        ReadDailyAsync(accountId, level, fields, null, from, to, cancellationToken);

    /// <summary>The same, each row split by <paramref name="breakdowns"/> (https://developers.facebook.com/docs/marketing-api/insights/breakdowns).</summary>
    public async Task<List<JsonElement>> ReadDailyAsync(string accountId, string level, string fields, string? breakdowns, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string>
        {
            ["level"] = level, ["time_increment"] = "1", ["fields"] = fields, ["limit"] = "500",
            ["time_range"] = $$"""{"since":"{{from:yyyy-MM-dd}}","until":"{{to:yyyy-MM-dd}}"}""",
        };
        if (breakdowns is not null)
        {
            query["breakdowns"] = breakdowns;
        }

        var (edge, pageQuery) = to.DayNumber - from.DayNumber + 1 > options.CurrentValue.AsyncReportDays
            ? ($"{await RunReportAsync(accountId, query, cancellationToken)}/insights", new Dictionary<string, string> { ["limit"] = "500" })
            : ($"{accountId}/insights", query);
        var rows = new List<JsonElement>();
        await foreach (var item in graph.GetAllAsync(edge, pageQuery, GraphScope.Insights(accountId), cancellationToken))
        {
            rows.Add(item);
        }

        return rows;
    }

    /// <summary>POST the query as a report run, poll <c>async_status</c> until "Job Completed", return the run id.</summary>
    private async Task<string> RunReportAsync(string accountId, Dictionary<string, string> query, CancellationToken cancellationToken)
    {
        var started = await graph.PostAsync($"{accountId}/insights", query, GraphScope.Insights(accountId), cancellationToken);
        var runId = MetaNotification.Id(started, "report_run_id") ?? throw new JsonException("The report run answered no report_run_id.");
        var deadline = clock.GetUtcNow() + TimeSpan.FromHours(1);
        while (true)
        {
            var run = await graph.GetAsync(runId, new Dictionary<string, string> { ["fields"] = "async_status,async_percent_completion" },
                GraphScope.Insights(accountId), cancellationToken);
            var status = MetaNotification.Id(run, "async_status");
            if (status == "Job Completed")
            {
                return runId;
            }

            if (status is "Job Failed" or "Job Skipped" || clock.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"Meta's insights report run {runId} ended as '{status}'.");
            }

            await Task.Delay(options.CurrentValue.ReportPollInterval, clock, cancellationToken);
        }
    }
}
