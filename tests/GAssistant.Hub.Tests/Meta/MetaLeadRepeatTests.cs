using System.Globalization;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// The person Odoo already knows: a Meta lead (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving)
/// is linked to the <c>res.partner</c> with its email or phone, and a repeat submission within the window is posted on the
/// person's open lead instead of making a second one — against the Odoo JSON-RPC double, exactly once through crashes.
/// </summary>
public abstract class MetaLeadRepeatTests(HubProvider provider) : HubTest(provider)
{
    private GraphApiDouble _graph = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:RepeatPolicies:always-form"] = "AlwaysCreate";
            settings["Meta:RepeatPolicies:link-form"] = "Link";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub) => (_graph, _odoo) = MetaTestHub.RegisterDoubles(hub);

    private static string OdooTime(TimeSpan ago) => (DateTime.UtcNow - ago).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private void Seed(string model, JsonObject record)
    {
        if (!_odoo.Models.TryGetValue(model, out var rows))
        {
            _odoo.Models[model] = rows = [];
        }

        rows.Add(record);
    }

    /// <summary>Odoo's customer Ahmed (partner 50) and, when asked, his open lead 60 created <paramref name="leadAge"/> ago.</summary>
    private void SeedAhmed(TimeSpan? leadAge = null, bool won = false)
    {
        Seed("res.partner", new JsonObject
        {
            ["id"] = 50, ["name"] = "Ahmed Ali", ["email"] = "Ahmed.Ali@Example.com", ["email_normalized"] = "ahmed.ali@example.com",
            ["phone"] = "+966 50 123 4567", ["phone_sanitized"] = "+966 50 123 4567",
        });
        Seed("crm.stage", new JsonObject { ["id"] = 1, ["name"] = "New", ["is_won"] = false });
        Seed("crm.stage", new JsonObject { ["id"] = 4, ["name"] = "Won", ["is_won"] = true });
        if (leadAge is { } age)
        {
            Seed("crm.lead", new JsonObject
            {
                ["id"] = 60, ["name"] = "Ahmed's first enquiry", ["partner_id"] = 50, ["email_from"] = "ahmed.ali@example.com",
                ["email_normalized"] = "ahmed.ali@example.com", ["stage_id"] = won ? 4 : 1, ["create_date"] = OdooTime(age),
            });
        }
    }

    private async Task<MetaLeadLink> SendAsync(string leadId, string formId, string email, string? phone = null, string campaign = "Ramadan Offer")
    {
        var lead = _graph.AddLead(leadId, formId, "c1", campaign, email: email);
        if (phone is not null)
        {
            lead["field_data"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "phone_number")!["values"] = new JsonArray(phone);
        }

        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([(leadId, formId, "adc1")]));
        return (await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.Where(l => l.LeadgenId == leadId).ToListAsync()),
            l => l.Count == 1)).Single();
    }

    private List<JsonObject> NewLeads() => _odoo.Records("crm.lead").Where(l => l["id"]!.GetValue<int>() != 60).ToList();

    [Fact]
    public async Task A_lead_with_a_known_email_in_other_capitals_is_linked_to_that_partner()
    {
        SeedAhmed();

        var link = await SendAsync("9901", "form1", "  AHMED.ALI@example.com ");

        var lead = NewLeads().Single();
        Assert.Equal(50, lead["partner_id"]!.GetValue<int>());
        Assert.Equal("  AHMED.ALI@example.com ", lead["email_from"]!.GetValue<string>()); // kept as typed for display
        Assert.Equal((50L, false), (link.KnownPartnerId, link.IsRepeat));
    }

    [Fact]
    public async Task A_lead_with_a_known_phone_typed_in_arabic_digits_is_linked_to_that_partner()
    {
        SeedAhmed();

        var link = await SendAsync("9902", "form1", "new.address@example.com", phone: "+٩٦٦٥٠١٢٣٤٥٦٧");

        var lead = NewLeads().Single();
        Assert.Equal(50, lead["partner_id"]!.GetValue<int>());
        Assert.Equal(50L, link.KnownPartnerId);
        // Odoo would write a lead's email onto its partner: the customer's own stays, the form's goes into the description.
        Assert.Null(lead["email_from"]);
        Assert.Contains("Email given in the form: new.address@example.com", lead["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("+966501234567", lead["phone"]!.GetValue<string>()); // the same number as the partner's: kept
    }

    [Fact]
    public async Task A_new_person_gets_a_new_lead_without_a_partner()
    {
        SeedAhmed(TimeSpan.FromDays(2));

        var link = await SendAsync("9903", "form1", "someone.else@example.com");

        Assert.Null(NewLeads().Single()["partner_id"]);
        Assert.Equal(((long?)null, false), (link.KnownPartnerId, link.IsRepeat));
    }

    [Fact]
    public async Task A_repeat_within_the_window_is_posted_on_the_open_lead_and_counted_not_created_again()
    {
        SeedAhmed(TimeSpan.FromDays(3));

        var link = await SendAsync("9904", "form1", "ahmed.ali@example.com", campaign: "Eid Offer");

        Assert.Empty(NewLeads());
        Assert.Equal((60L, true, 50L), (link.OdooLeadId, link.IsRepeat, link.KnownPartnerId));
        var note = _odoo.Records("mail.message").Single();
        Assert.Equal(("crm.lead", 60, "mail.mt_note"), (note["model"]!.GetValue<string>(), note["res_id"]!.GetValue<int>(), note["subtype_xmlid"]!.GetValue<string>()));
        var body = note["body"]!.GetValue<string>();
        Assert.Contains("campaign Eid Offer", body, StringComparison.Ordinal);
        Assert.Contains("car_make: Honda", body, StringComparison.Ordinal);
        Assert.Equal(60, _odoo.Records("ir.model.data").Single()["res_id"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_open_lead_older_than_the_window_makes_it_a_new_lead_of_the_same_partner()
    {
        SeedAhmed(TimeSpan.FromDays(40));

        var link = await SendAsync("9905", "form1", "ahmed.ali@example.com");

        Assert.Equal(50, NewLeads().Single()["partner_id"]!.GetValue<int>());
        Assert.False(link.IsRepeat);
        Assert.Empty(_odoo.Records("mail.message"));
    }

    [Fact]
    public async Task A_won_lead_is_not_open_so_the_submission_is_a_new_lead()
    {
        SeedAhmed(TimeSpan.FromDays(3), won: true);

        var link = await SendAsync("9906", "form1", "ahmed.ali@example.com");

        Assert.Single(NewLeads());
        Assert.False(link.IsRepeat);
    }

    [Fact]
    public async Task A_form_set_to_always_create_makes_a_new_lead_without_looking_anyone_up()
    {
        SeedAhmed(TimeSpan.FromDays(3));

        var link = await SendAsync("9907", "always-form", "ahmed.ali@example.com");

        Assert.Null(NewLeads().Single()["partner_id"]);
        Assert.DoesNotContain("res.partner.search_read", _odoo.Calls);
        Assert.Equal(((long?)null, false), (link.KnownPartnerId, link.IsRepeat));
    }

    [Fact]
    public async Task A_form_set_to_link_makes_a_new_lead_of_the_partner_and_counts_the_repeat()
    {
        SeedAhmed(TimeSpan.FromDays(3));

        var link = await SendAsync("9908", "link-form", "ahmed.ali@example.com");

        Assert.Equal(50, NewLeads().Single()["partner_id"]!.GetValue<int>());
        Assert.Equal((true, 50L), (link.IsRepeat, link.KnownPartnerId));
        Assert.Empty(_odoo.Records("mail.message"));
    }

    [Fact]
    public async Task A_crash_between_the_look_up_and_the_create_creates_one_lead_on_the_retry()
    {
        SeedAhmed();
        _odoo.GoDownBefore = "crm.lead.create";

        _graph.AddLead("9909", "form1", "c1", "Ramadan Offer", email: "ahmed.ali@example.com");
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9909", "form1", "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.SingleOrDefaultAsync()), m => m is { Attempts: >= 1 });
        Assert.Empty(NewLeads());

        await RetryNowAsync();

        var link = (await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.ToListAsync()), l => l.Count == 1)).Single();
        Assert.Equal(link.OdooLeadId, NewLeads().Single()["id"]!.GetValue<int>());
        Assert.Single(_odoo.Records("ir.model.data"));
    }

    [Fact]
    public async Task A_crash_after_posting_a_repeat_and_before_its_external_id_posts_nothing_twice()
    {
        SeedAhmed(TimeSpan.FromDays(3));
        _odoo.GoDownBefore = "ir.model.data.create";

        _graph.AddLead("9910", "form1", "c1", "Ramadan Offer", email: "ahmed.ali@example.com");
        await MetaTestHub.PostSignedAsync(Hub.CreateAnonymousClient(), MetaTestHub.Notification([("9910", "form1", "adc1")]));
        await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.OutboxMessages.SingleOrDefaultAsync()), m => m is { Attempts: >= 1 });
        Assert.Single(_odoo.Records("mail.message"));

        await RetryNowAsync();

        var link = (await Eventually.ReturnsAsync(() => Hub.WithDbAsync(db => db.MetaLeadLinks.ToListAsync()), l => l.Count == 1)).Single();
        Assert.Equal((60L, true), (link.OdooLeadId, link.IsRepeat));
        Assert.Single(_odoo.Records("mail.message"));
        Assert.Empty(NewLeads());
    }

    /// <summary>Odoo answers again and time passes until the outbox's next attempt.</summary>
    private async Task RetryNowAsync()
    {
        _odoo.Down = false;
        await Hub.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
    }
}

public sealed class MetaLeadRepeatTestsOnSqlite() : MetaLeadRepeatTests(HubProvider.Sqlite);

public sealed class MetaLeadRepeatTestsOnPostgres() : MetaLeadRepeatTests(HubProvider.Postgres);
