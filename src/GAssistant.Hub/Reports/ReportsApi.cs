using System.Text.Json;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Reports;

public sealed record ReportSendResponse(bool Success, string Message, string Report, string Language, DateOnly From, DateOnly To, int Recipients, string Subject);

/// <summary><c>POST /api/reports/send</c> (CONTRACT.md) and the feature's registration.</summary>
public static class ReportsApi
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddConnectionSection<ReportsOptions>(ReportsOptions.Section, "Smtp:Password");
        builder.Services.AddSingleton<ReportsStatus>();
        builder.Services.AddSingleton<Operations.IIntegrationStatus>(sp => sp.GetRequiredService<ReportsStatus>());
        builder.Services.AddSingleton<ReportSender>();
        builder.Services.AddHostedService<ReportScheduler>();
        return builder;
    }

    public static WebApplication MapReportsApi(this WebApplication app)
    {
        app.MapGroup("/api/reports").WithTags("Reports").RequireRateLimiting(RateLimits.Api)
            .MapPost("/send", SendAsync).WithName("SendReport").RequireAdmin()
            .WithSummary("Sends the daily or weekly report now, in Arabic or English, to Reports:Recipients.");
        return app;
    }

    internal static async Task<Results<Ok<ReportSendResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        HttpRequest request, ReportSender sender, IOptions<HubOptions> hub, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var body = await ApiJson.ReadObjectAsync(request, errors, optional: false, cancellationToken) ?? default;
        var kind = ReportKind.Daily;
        var language = hub.Value.DefaultLanguage;
        if (errors.Count == 0)
        {
            if (!body.TryGetProperty("report", out var report) || report.ValueKind != JsonValueKind.String || !ReportKinds.TryParse(report.GetString(), out kind))
            {
                errors["report"] = ["report is required: daily or weekly."];
            }

            if (body.TryGetProperty("language", out var lang) && lang.ValueKind != JsonValueKind.Null)
            {
                language = lang.ValueKind == JsonValueKind.String ? lang.GetString()!.Trim().ToLowerInvariant() : "";
                if (language is not ("ar" or "en"))
                {
                    errors["language"] = ["language must be ar or en."];
                }
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (!sender.IsConfigured)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Email reports are not configured",
                "Set Reports:Smtp:Host, Reports:From and Reports:Recipients:0 first.");
        }

        var result = await sender.SendAsync(kind, language, null, "manual", cancellationToken);
        if (!result.Sent)
        {
            return ApiProblems.Problem(result.Recipients == 0 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway, "The report was not sent", result.Message);
        }

        return TypedResults.Ok(new ReportSendResponse(true, result.Message, result.Report, result.Language, result.From, result.To, result.Recipients, result.Subject));
    }
}
