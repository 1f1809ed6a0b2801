using System.Globalization;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

public sealed record RearmResponse(bool Success, int Rearmed, string Message);

public sealed record FormMappingResponse(bool Success, FormMappingView Mapping);

public sealed record SavedResponse(bool Success, string Message);

/// <summary>Administration of the Meta connector under <c>/api/meta</c> (beyond CONTRACT.md).</summary>
public static class MetaAdminApi
{
    public static RouteGroupBuilder MapMetaAdminEndpoints(this RouteGroupBuilder meta)
    {
        meta.MapPost("/rearm", RearmAsync).WithName("RearmMetaMessages")
            .WithSummary("Queues again every Meta message that failed for its configuration (an API version, a permission), once it is fixed.")
            .RequireAdmin();
        meta.MapGet("/forms/{formId}/mapping", MappingAsync).WithName("GetMetaFormMapping")
            .WithSummary("A form's questions, where each answer goes in Odoo (saved or proposed by key), Odoo's lead fields, teams and salespeople.")
            .RequireAdmin();
        meta.MapPut("/forms/{formId}/mapping", SaveMappingAsync).WithName("SaveMetaFormMapping")
            .Accepts<FormMappingRequest>("application/json")
            .WithSummary("Saves a form's mapping, team, salesperson and repeat policy after checking each against Odoo; a bad one is refused, nothing saved.")
            .RequireAdmin();
        return meta;
    }

    internal static async Task<Results<Ok<FormMappingResponse>, ValidationProblem, ProblemHttpResult>> MappingAsync(string formId, MetaFormMappings mappings,
        IOptionsMonitor<MetaOptions> meta, IOptionsMonitor<OdooOptions> odoo, CancellationToken cancellationToken)
    {
        if (!MetaFormMappings.IsFormId(formId))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["form_id"] = ["A Meta form id is digits only."] });
        }

        if (Unconfigured(meta.CurrentValue, odoo.CurrentValue) is { } problem)
        {
            return problem;
        }

        try
        {
            return await mappings.ReadAsync(formId, cancellationToken) is { } view
                ? TypedResults.Ok(new FormMappingResponse(true, view))
                : ApiProblems.Problem(StatusCodes.Status404NotFound, "No such form", $"Meta knows no lead form {formId} that this connection may read.");
        }
        catch (GraphApiException e)
        {
            return MetaRefused(e);
        }
        catch (MetaNeedsReconnectingException e)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Meta needs reconnecting", e.Message);
        }
        catch (OdooException e)
        {
            return OdooRefused(e, odoo.CurrentValue);
        }
    }

    internal static async Task<Results<Ok<SavedResponse>, ValidationProblem, ProblemHttpResult>> SaveMappingAsync(string formId, HttpRequest request,
        MetaFormMappings mappings, IOptionsMonitor<MetaOptions> meta, IOptionsMonitor<OdooOptions> odoo, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!MetaFormMappings.IsFormId(formId))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["form_id"] = ["A Meta form id is digits only."] });
        }

        var input = await ApiJson.ReadAsync<FormMappingRequest>(request, errors, cancellationToken);
        if (input is null)
        {
            return ApiProblems.Validation(errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["body"] = ["Send a JSON object with fields, team_id, user_id and repeat_policy."] });
        }

        if (Unconfigured(meta.CurrentValue, odoo.CurrentValue) is { } problem)
        {
            return problem;
        }

        try
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ar" ? "ar" : "en";
            var result = await mappings.SaveAsync(formId, input, language, request.HttpContext.User, cancellationToken);
            return result.Saved
                ? TypedResults.Ok(new SavedResponse(true, $"The mapping of form {formId} is saved; the next leads of the form use it."))
                : ApiProblems.Validation(new Dictionary<string, string[]>(result.Errors), "The mapping was not saved.");
        }
        catch (GraphApiException e)
        {
            return MetaRefused(e);
        }
        catch (MetaNeedsReconnectingException e)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Meta needs reconnecting", e.Message);
        }
        catch (OdooException e)
        {
            return OdooRefused(e, odoo.CurrentValue);
        }
    }

    private static ProblemHttpResult? Unconfigured(MetaOptions meta, OdooOptions odoo) =>
        !meta.IsConfigured ? NotConnected()
        : !odoo.IsConfigured ? ApiProblems.Problem(StatusCodes.Status409Conflict, "Odoo is not connected", "A form is mapped to Odoo's lead fields: connect Odoo in Settings first.")
        : null;

    private static ProblemHttpResult NotConnected() =>
        ApiProblems.Problem(StatusCodes.Status409Conflict, "Meta is not connected", "Connect Meta and choose its Pages in Settings first.");

    private static ProblemHttpResult MetaRefused(GraphApiException e) =>
        ApiProblems.Problem(StatusCodes.Status502BadGateway, "Meta did not answer as expected", e.Message);

    private static ProblemHttpResult OdooRefused(OdooException e, OdooOptions options) =>
        ApiProblems.Problem(StatusCodes.Status502BadGateway, "Odoo did not answer as expected", OdooHealthCheck.Explain(e, options));

    internal static async Task<Ok<RearmResponse>> RearmAsync(MetaConfigurationWatch watch, CancellationToken cancellationToken)
    {
        var count = await watch.RearmAllAsync(cancellationToken);
        return TypedResults.Ok(new RearmResponse(true, count, $"{count} messages waiting for their configuration are queued again."));
    }
}
