using GAssistant.Hub.Crm;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Odoo;

/// <summary><c>/api/odoo/*</c>: leads from the replica (CONTRACT.md).</summary>
public static class OdooLeadsApi
{
    public static RouteGroupBuilder MapOdooLeads(this RouteGroupBuilder odoo)
    {
        odoo.MapGet("/leads", ListLeadsAsync)
            .WithName("ListLeads")
            .WithSummary("Leads from the hub's replica of Odoo, filtered and paged; newest first.");
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

        var leads = db.Leads.AsNoTracking().Filtered(filter);
        var total = await leads.CountAsync(cancellationToken);
        var page = await leads
            .OrderByDescending(l => l.CreateDate).ThenByDescending(l => l.OdooId)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new LeadListResponse(true, page.Select(LeadDto.From).ToList(), total,
            $"{total} leads; page {filter.Page} shows {page.Count}."));
    }
}

public sealed record LeadListResponse(bool Success, IReadOnlyList<LeadDto> Leads, int Total, string Message);
