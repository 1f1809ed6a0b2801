using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

public sealed record LeadFormView(string Id, string? Name, string PageId, string? Status, bool IsTest);

public sealed record LeadFormsResponse(bool Success, IReadOnlyList<LeadFormView> Forms, string Message);

public sealed record TestLeadView(string LeadgenId, long OdooLeadId, string? FormId, string Status, DateTime? CreatedTime);

public sealed record TestLeadsResponse(bool Success, IReadOnlyList<TestLeadView> Leads, string Message);

public sealed record TestStatusResponse(bool Success, string Message);

/// <summary>
/// Test leads under <c>/api/meta</c> (beyond CONTRACT.md): the lead forms with their test mark, the leads taken as tests,
/// and an administrator's mark of a form or a lead: <c>PUT …/test</c> with <c>{"test": true | false}</c>.
/// </summary>
public static class MetaTestLeadApi
{
    public static RouteGroupBuilder MapMetaTestLeadEndpoints(this RouteGroupBuilder meta)
    {
        meta.MapGet("/forms", GetFormsAsync).WithName("GetMetaLeadForms").RequireAdmin().WithSummary("The lead forms read from the configured Pages, with their test mark.");
        meta.MapGet("/test-leads", GetTestLeadsAsync).WithName("GetMetaTestLeads").RequireAdmin().WithSummary("The Meta leads taken as test leads, and why.");
        meta.MapPut("/forms/{id}/test", SetFormAsync).WithName("SetMetaFormTest").RequireAdmin()
            .WithSummary("Marks a lead form as a test form (all its leads are test leads) or not.");
        meta.MapPut("/leads/{leadgenId}/test", SetLeadAsync).WithName("SetMetaLeadTest").RequireAdmin()
            .WithSummary("Marks one Meta lead as a test lead, or as real whatever its form says.");
        return meta;
    }

    internal static async Task<Ok<LeadFormsResponse>> GetFormsAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var forms = await db.MetaLeadForms.AsNoTracking().OrderBy(f => f.PageId).ThenBy(f => f.Name)
            .Select(f => new LeadFormView(f.Id, f.Name, f.PageId, f.Status, f.IsTest)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new LeadFormsResponse(true, forms, $"{forms.Count} lead forms, {forms.Count(f => f.IsTest)} marked as test forms."));
    }

    internal static async Task<Ok<TestLeadsResponse>> GetTestLeadsAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var leads = (await db.MetaLeadLinks.AsNoTracking().Where(l => l.TestStatus != TestLeadStatus.None).OrderByDescending(l => l.CreatedTime)
                .ToListAsync(cancellationToken))
            .Select(l => new TestLeadView(l.LeadgenId, l.OdooLeadId, l.FormId, Status(l.TestStatus), l.CreatedTime)).ToList();
        return TypedResults.Ok(new TestLeadsResponse(true, leads, $"{leads.Count(l => l.Status != "real")} test leads."));
    }

    internal static async Task<Results<Ok<TestStatusResponse>, ValidationProblem, ProblemHttpResult>> SetFormAsync(
        string id, HttpRequest request, HubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await TestFlagAsync(request, cancellationToken) is not { } test)
        {
            return Invalid();
        }

        return await MetaTestLeads.SetFormAsync(db, id, test, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ? TypedResults.Ok(new TestStatusResponse(true, test ? $"Form {id} is a test form: its leads stay out of figures and Conversions API events." : $"Form {id} is a real form again."))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Unknown form", $"No lead form {id} has been read from Meta yet.");
    }

    internal static async Task<Results<Ok<TestStatusResponse>, ValidationProblem, ProblemHttpResult>> SetLeadAsync(
        string leadgenId, HttpRequest request, HubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await TestFlagAsync(request, cancellationToken) is not { } test)
        {
            return Invalid();
        }

        return await MetaTestLeads.SetLeadAsync(db, leadgenId, test, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ? TypedResults.Ok(new TestStatusResponse(true, test ? $"Meta lead {leadgenId} is a test lead; Odoo gets its tag." : $"Meta lead {leadgenId} is a real lead."))
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "Unknown lead", $"The hub has made no Odoo lead from Meta lead {leadgenId}.");
    }

    /// <summary>A lead's status as scripts read it.</summary>
    public static string Status(TestLeadStatus status) => status switch
    {
        TestLeadStatus.FromMeta => "meta_test_lead",
        TestLeadStatus.TestForm => "test_form",
        TestLeadStatus.MarkedByAdmin => "marked_test",
        _ => "real",
    };

    private static ValidationProblem Invalid() => ApiProblems.Validation(new Dictionary<string, string[]> { ["test"] = ["Expected {\"test\": true} or {\"test\": false}."] });

    private static async Task<bool?> TestFlagAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ApiJson.ReadObjectAsync(request, new Dictionary<string, string[]>(StringComparer.Ordinal), optional: false, cancellationToken) is { } body
        && body.TryGetProperty("test", out var test) && test.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? test.GetBoolean()
            : null;
}
