using System.Text.Json.Serialization;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary><c>/api/odoo/leads</c>: leads from the replica, and new leads created in Odoo (CONTRACT.md).</summary>
public static class OdooLeadsApi
{
    public static RouteGroupBuilder MapOdooLeads(this RouteGroupBuilder odoo)
    {
        odoo.MapGet("/leads", ListLeadsAsync)
            .WithName("ListLeads")
            .WithSummary("Leads from the hub's replica of Odoo, filtered and paged; newest first.");
        odoo.MapGet("/leads/{id:long}", GetLeadAsync)
            .WithName("GetLead")
            .WithSummary("One lead from the replica, by Odoo id.");
        odoo.MapPost("/leads", CreateLeadAsync)
            .Accepts<NewLead>("application/json")
            .WithName("CreateLead")
            .RequireAdmin()
            .WithSummary("Creates a crm.lead in Odoo (source, medium and campaign by name) and stores it in the replica.");
        return odoo;
    }

    internal static async Task<Results<Ok<LeadListResponse>, ValidationProblem>> ListLeadsAsync(
        HttpRequest request, HubDbContext db, CancellationToken cancellationToken)
    {
        var filter = LeadFilter.Parse(request.Query, out var errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var (leads, total) = await LeadList.PageAsync(db, filter, LeadOrder.Of(filter), (filter.Page - 1) * filter.PageSize, filter.PageSize, cancellationToken);
        return TypedResults.Ok(new LeadListResponse(true, leads.Select(LeadDto.From).ToList(), total,
            $"{total} leads; page {filter.Page} shows {leads.Count}."));
    }

    internal static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> GetLeadAsync(long id, HubDbContext db, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.OdooId == id && !l.Deleted, cancellationToken);
        return lead is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, "Not found", $"No lead {id} in the replica.")
            : TypedResults.Ok(new LeadResponse(true, LeadDto.From(lead), $"Lead {id}."));
    }

    internal static async Task<Results<Created<LeadResponse>, ValidationProblem, ProblemHttpResult>> CreateLeadAsync(
        HttpRequest request, OdooLeadCreator creator, IOptionsMonitor<OdooOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var input = await ApiJson.ReadAsync<NewLead>(request, errors, cancellationToken);
        if (input is null)
        {
            return ApiProblems.Validation(errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["body"] = ["Send a JSON object with at least a name or a contact."] });
        }

        errors = input.Validate();
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (!options.CurrentValue.IsConfigured)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Odoo is not configured",
                "Leads are created in Odoo: set Odoo:Url, Odoo:Database, Odoo:Username and Odoo:ApiKey.");
        }

        try
        {
            var (lead, phone) = await creator.CreateAsync(input, cancellationToken);
            return TypedResults.Created($"/api/odoo/leads/{lead.OdooId}", new LeadResponse(true, LeadDto.From(lead), $"Lead {lead.OdooId} created in Odoo." + PhoneNote(phone))
            {
                PhoneFlagged = phone?.Flagged == true ? true : null,
            });
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.Invalid)
        {
            return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "Odoo refused the lead", e.Message);
        }
        catch (OdooException e)
        {
            return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Odoo is unavailable", OdooHealthCheck.Explain(e, options.CurrentValue));
        }
    }

    private static string PhoneNote(LeadPhone? phone) => phone?.Problem switch
    {
        PhoneProblem.NoCountry => $" The phone '{phone.Typed}' has no country code and no country was given (country, or Odoo:DefaultCountry): it was kept as typed.",
        PhoneProblem.NotANumber => $" The phone '{phone.Typed}' is not a valid phone number: it was kept as typed.",
        _ => "",
    };
}

public sealed record LeadListResponse(bool Success, IReadOnlyList<LeadDto> Leads, int Total, string Message);

public sealed record LeadResponse(bool Success, LeadDto Lead, string Message)
{
    /// <summary><c>true</c> when the phone went to Odoo as typed (not understood as a phone number); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PhoneFlagged { get; init; }
}
