using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

/// <summary>What the "test tag" outbox message carries: the Odoo lead, and whether it is now a test lead.</summary>
public sealed record TestLeadTagJob(long OdooLeadId, bool Test);

/// <summary>
/// Test leads, where Meta makes them recognisable and where an administrator says so. Meta's Lead Ads Testing Tool makes
/// organic leads with no ad, one per form, listed on the form's <c>test_leads</c> edge
/// (https://developers.facebook.com/documentation/ads-commerce/marketing-api/guides/lead-ads/testing-troubleshooting); an
/// administrator can mark a whole form as a test form, or one lead as test or as real. A test lead is tagged in Odoo
/// (<see cref="MetaOptions.TestLeadTag"/>), flagged in the replica (out of every figure) and sends no Conversions API event.
/// </summary>
public static class MetaTestLeads
{
    public const string TagKind = "meta.test_lead_tag";

    /// <summary>Whether a lead about to go to Odoo is a test lead: its form is a test form, or Meta lists it as a test lead.</summary>
    public static async Task<TestLeadStatus> RecogniseAsync(HubDbContext db, GraphClient graph, MetaLead lead, string? formId, string? pageId,
        CancellationToken cancellationToken)
    {
        if (formId is not null && await db.MetaLeadForms.AnyAsync(f => f.Id == formId && f.IsTest, cancellationToken))
        {
            return TestLeadStatus.TestForm;
        }

        // Only organic leads can be test leads: a lead from an ad never is, and costs no extra call.
        if (formId is null || lead.AdId is not null)
        {
            return TestLeadStatus.None;
        }

        var query = new Dictionary<string, string> { ["fields"] = "id", ["limit"] = "100" };
        try
        {
            await foreach (var test in graph.GetAllAsync($"{formId}/test_leads", query, GraphScope.Leads(pageId).Queued(), cancellationToken))
            {
                if (MetaNotification.Id(test, "id") == lead.Id)
                {
                    return TestLeadStatus.FromMeta;
                }
            }
        }
        catch (GraphApiException ex) when (ex.Kind == GraphErrorKind.Permanent)
        {
            // A form whose test leads cannot be listed (an old or deleted form): the lead is taken as real; an admin can mark it.
        }

        return TestLeadStatus.None;
    }

    /// <summary>Marks a form as a test form or not; its leads follow, unless an administrator decided one of them.</summary>
    /// <returns>False when the hub does not know the form.</returns>
    public static async Task<bool> SetFormAsync(HubDbContext db, string formId, bool test, DateTime now, CancellationToken cancellationToken)
    {
        var form = await db.MetaLeadForms.FindAsync([formId], cancellationToken);
        if (form is null)
        {
            return false;
        }

        form.IsTest = test;
        var (from, to) = test ? (TestLeadStatus.None, TestLeadStatus.TestForm) : (TestLeadStatus.TestForm, TestLeadStatus.None);
        foreach (var link in await db.MetaLeadLinks.Where(l => l.FormId == formId && l.TestStatus == from).ToListAsync(cancellationToken))
        {
            await ApplyAsync(db, link, to, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>An administrator's word on one Meta lead: a test lead, or a real one whatever its form says.</summary>
    /// <returns>False when the hub has not made an Odoo lead from it.</returns>
    public static async Task<bool> SetLeadAsync(HubDbContext db, string leadgenId, bool test, DateTime now, CancellationToken cancellationToken)
    {
        var link = await db.MetaLeadLinks.FindAsync([leadgenId], cancellationToken);
        if (link is null)
        {
            return false;
        }

        await ApplyAsync(db, link, test ? TestLeadStatus.MarkedByAdmin : TestLeadStatus.ClearedByAdmin, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Sets a link's status; when that changes whether it is a test lead, the replica follows and Odoo's tag is queued.</summary>
    private static async Task ApplyAsync(HubDbContext db, MetaLeadLink link, TestLeadStatus status, DateTime now, CancellationToken cancellationToken)
    {
        var was = link.IsTest;
        link.TestStatus = status;
        if (was == link.IsTest)
        {
            return;
        }

        if (await db.Leads.FindAsync([link.OdooLeadId], cancellationToken) is { } lead)
        {
            lead.IsTest = link.IsTest;
        }

        await OutboxQueue.EnqueueAsync(db, TagKind, $"{link.OdooLeadId}|{link.IsTest}|{now:O}",
            JsonSerializer.Serialize(new TestLeadTagJob(link.OdooLeadId, link.IsTest), MetaJson.Options), now, cancellationToken);
    }
}
