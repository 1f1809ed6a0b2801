using System.Globalization;
using Bunit;
using GAssistant.Hub.Components.Pages.Settings;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GAssistant.Hub.Tests.Components;

/// <summary>Settings' test-lead control on a real hub database: a form switched to test, a lead called real, in both languages.</summary>
public abstract class MetaTestLeadsPanelTests(HubProvider provider) : HubTest(provider)
{
    private BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(new HubReads(Hub.Services.GetRequiredService<IServiceScopeFactory>()));
        return context;
    }

    private Task<int> ArrangeAsync() => Hub.WithDbAsync(db =>
    {
        db.MetaLeadForms.Add(new MetaLeadForm { Id = "form7", PageId = "1234567890", Name = "نموذج رمضان", SyncedAt = DateTime.UtcNow });
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "7001", OdooLeadId = 71, FormId = "form7", LinkedAt = DateTime.UtcNow });
        db.Leads.Add(new Lead { OdooId = 71, Name = "Lead 71", CreateDate = DateTime.UtcNow });
        return db.SaveChangesAsync();
    });

    [Fact]
    public async Task Switching_a_form_to_test_makes_its_leads_test_leads_and_an_admin_can_call_one_real_again()
    {
        await ArrangeAsync();
        await using var context = Context();
        var panel = context.Render<MetaTestLeadsPanel>();

        Assert.Equal("نموذج رمضان", panel.Find("[data-testid=lead-form] td").TextContent);
        await panel.InvokeAsync(() => panel.Find("[data-testid=lead-form] input").Change(true));

        panel.WaitForAssertion(() => Assert.Equal("Test form", panel.Find("[data-testid=test-lead] td:nth-child(3)").TextContent));
        Assert.True(await Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == 71).Select(l => l.IsTest).SingleAsync()));
        Assert.Equal("The form is a test form: its leads are test leads.", panel.Find("[data-testid=test-lead-message]").TextContent.Trim());

        await panel.InvokeAsync(() => panel.Find("[data-testid=mark-real]").Click());

        panel.WaitForAssertion(() => Assert.Equal("Marked as real", panel.Find("[data-testid=test-lead] td:nth-child(3)").TextContent));
        Assert.False(await Hub.WithDbAsync(db => db.Leads.Where(l => l.OdooId == 71).Select(l => l.IsTest).SingleAsync()));
        Assert.Equal(2, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "meta.test_lead_tag")));
    }

    [Fact]
    public async Task The_control_speaks_arabic()
    {
        await ArrangeAsync();
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ar");
        try
        {
            await using var context = Context();
            var panel = context.Render<MetaTestLeadsPanel>();

            Assert.Equal("العملاء المحتملون التجريبيون", panel.Find("h6").TextContent);
            Assert.Contains("نموذج تجريبي", panel.Find("[data-testid=lead-forms] thead").TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("Test form", panel.Markup, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}

public sealed class MetaTestLeadsPanelTestsOnSqlite() : MetaTestLeadsPanelTests(HubProvider.Sqlite);
