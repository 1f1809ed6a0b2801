using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.SpeedToLead;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Odoo;
using GAssistant.Hub.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.SpeedToLead;

/// <summary>
/// Issue 21 items 2–4 on a running hub: the salesperson's email and the team leader's escalation through a real SMTP
/// server (aiosmtpd), held through Riyadh's quiet hours (20:00–08:00) and weekend (Sunday–Thursday, or Monday–Friday
/// for team 2) with the hub's clock fixed on Thursday 2026-12-03; the first response read from the chatter shapes a real
/// Odoo 17 recorded (Odoo/Fixtures/17/response_*.json, record_first_response.py). The outbox worker's timer runs on the
/// fixed clock, so these tests call the handlers themselves.
/// </summary>
public abstract class SpeedToLeadTests(HubProvider provider) : HubTest(provider)
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

    private readonly FakeTimeProvider _clock = new(Local(3, 10, 0));
    private SmtpCapture _smtp = null!;
    private FakeOdoo _odoo = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Reports:Smtp:Host"] = "127.0.0.1";
            settings["Reports:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
            settings["Reports:Smtp:Security"] = "None";
            settings["Reports:From"] = "G-Assistant <leads@hub.example>";
            settings["SpeedToLead:TimeZone"] = "Asia/Riyadh";
            settings["SpeedToLead:Teams:2:WorkingWeek"] = "MondayToFriday";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        _smtp = await SmtpCapture.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(HubFactory hub)
    {
        hub.WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        (_, _odoo) = MetaTestHub.RegisterDoubles(hub);
        _odoo.Models["crm.team"] = [Team(1, 20, "Leena Leader"), Team(2, 20, "Leena Leader")];
        _odoo.Models["res.users"] =
        [
            User(2, 3, "Mitchell Admin", "admin@example.com", "en_US"),
            User(13, 31, "جمال جدة", "jamal@example.com", "ar_001"),
            User(14, 32, "Riyadh Reem", "reem@example.com", "en_US"),
            User(20, 33, "Leena Leader", "leena@example.com", "ar_SY"),
        ];
        _odoo.Models["crm.lead"] = [new JsonObject { ["id"] = 700, ["name"] = "ليلى", ["active"] = true, ["user_id"] = new JsonArray(13, "جمال جدة"),
            ["team_id"] = new JsonArray(1, "Sales"), ["probability"] = 10 }];
        // mail's ids as 17 answered them (asked for module mail, so the answer does not repeat it).
        _odoo.Models["ir.model.data"] = [.. OdooFixtures.Result("response_xmlids").AsArray().Select(x => { var row = x!.AsObject().DeepClone().AsObject(); row["module"] = "mail"; return row; })];

        // Odoo's own messages of a new lead, as 17 wrote them (the assignment notice and "Opportunity Created", by the hub's user).
        _odoo.Models["mail.message"] = [.. Recorded(49).Where(m => m["author_id"]![0]!.GetValue<int>() == 3).Select(m => { m["res_id"] = 700; return m; })];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_salesperson_gets_the_lead_in_their_language_with_the_answers_and_a_WhatsApp_link()
    {
        await Handler(SalespersonEmail.KindName).SendAsync(Message(Alert(userId: 13)), CancellationToken.None);
        await Handler(SalespersonEmail.KindName).SendAsync(Message(Alert(userId: 14)), CancellationToken.None);

        var mails = await _smtp.WaitForAsync(2);
        var arabic = mails.Single(m => m.Recipients.Contains("jamal@example.com")).Message;
        Assert.Equal("عميل محتمل جديد: ليلى <b>الأحمد</b>", arabic.Subject);
        Assert.Equal("lead-l-5001-salesperson@g-assistant.hub", arabic.MessageId);
        var html = arabic.HtmlBody;
        Assert.Contains("dir=\"rtl\"", html, StringComparison.Ordinal);
        Assert.Contains("اتصل به خلال 15 دقيقة", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://wa.me/966501234567\" dir=\"ltr\">+966501234567</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:+966501234567\" dir=\"ltr\">+966501234567</a>", html, StringComparison.Ordinal);
        Assert.Contains("http://odoo.test/web#id=700&amp;model=crm.lead&amp;view_type=form", html, StringComparison.Ordinal);

        // Text from Meta stays text: the name's markup, the form's Arabic question and answer.
        Assert.Contains("ليلى &lt;b&gt;الأحمد&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("<bdi>ما هي ميزانيتك؟</bdi></th><td><bdi>50,000 ريال</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("ما هي ميزانيتك؟: 50,000 ريال", arabic.TextBody, StringComparison.Ordinal);

        var english = mails.Single(m => m.Recipients.Contains("reem@example.com")).Message;
        Assert.Equal("New lead: ليلى <b>الأحمد</b>", english.Subject);
        Assert.Contains("Call within 15 minutes", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("Campaign: Winter 2026", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://wa.me/966501234567", english.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_quiet_hours_the_email_waits_for_the_teams_next_working_morning()
    {
        _clock.SetUtcNow(Local(3, 20, 5));

        var sundayToThursday = await Assert.ThrowsAsync<RetryLaterOutboxException>(() => Handler(SalespersonEmail.KindName).SendAsync(Message(Alert(13)), CancellationToken.None));
        var mondayToFriday = await Assert.ThrowsAsync<RetryLaterOutboxException>(() => Handler(SalespersonEmail.KindName).SendAsync(Message(Alert(13, team: 2)), CancellationToken.None));

        Assert.Equal(Local(6, 8, 0) - Local(3, 20, 5), sundayToThursday.RetryIn);
        Assert.Equal(Local(4, 8, 0) - Local(3, 20, 5), mondayToFriday.RetryIn);
        Assert.Empty(_smtp.Messages());
    }

    [Fact]
    public async Task An_unanswered_lead_reaches_the_team_leader_after_thirty_working_minutes_across_the_weekend()
    {
        await LinkAsync();
        var alert = Alert(13, cameAt: Local(3, 19, 50));

        // Thursday 20:30: only 10 working minutes have passed; the escalation is due on Sunday at 08:20.
        _clock.SetUtcNow(Local(3, 20, 30));
        var early = await Assert.ThrowsAsync<RetryLaterOutboxException>(() => Handler(LeadEscalation.KindName).SendAsync(Message(alert), CancellationToken.None));
        Assert.Equal(Local(6, 8, 20) - Local(3, 20, 30), early.RetryIn);
        Assert.Null(await EscalatedAtAsync());

        _clock.SetUtcNow(Local(6, 8, 20));
        await Handler(LeadEscalation.KindName).SendAsync(Message(alert), CancellationToken.None);

        var mail = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["leena@example.com"], mail.Recipients);
        Assert.Equal("بانتظار أول رد: ليلى <b>الأحمد</b>", mail.Message.Subject);
        Assert.Contains("انتظر هذا العميل المحتمل 30 دقيقة عمل ولم يرد عليه أحد بعد. مندوب المبيعات: جمال جدة.", mail.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(Local(6, 8, 20), await EscalatedAtAsync());
    }

    [Fact]
    public async Task A_team_working_monday_to_friday_hears_on_friday_morning()
    {
        _odoo.Model("crm.lead").Single()["team_id"] = new JsonArray(2, "Online");
        await LinkAsync();
        var alert = Alert(13, team: 2, cameAt: Local(3, 19, 50));

        _clock.SetUtcNow(Local(4, 8, 19));
        await Assert.ThrowsAsync<RetryLaterOutboxException>(() => Handler(LeadEscalation.KindName).SendAsync(Message(alert), CancellationToken.None));
        _clock.SetUtcNow(Local(4, 8, 20));
        await Handler(LeadEscalation.KindName).SendAsync(Message(alert), CancellationToken.None);

        Assert.Single(await _smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task A_lead_the_salesperson_already_called_is_not_escalated_and_keeps_when_and_how_it_was_answered()
    {
        await LinkAsync();
        await Hub.WithDbAsync(db => { db.Leads.Add(new Lead { OdooId = 700, Name = "ليلى", CreateDate = Local(3, 19, 50) }); return db.SaveChangesAsync(); });

        // Jamal marks his "Call" activity done on Sunday at 08:05 (the message 17 posts for it, by his partner).
        var call = Recorded(51).Single(m => m["mail_activity_type_id"] is JsonArray);
        (call["res_id"], call["author_id"], call["date"]) = (700, new JsonArray(31, "جمال جدة"), "2026-12-06 05:05:00");
        _odoo.Model("mail.message").Add(call);

        _clock.SetUtcNow(Local(6, 8, 20));
        await Handler(LeadEscalation.KindName).SendAsync(Message(Alert(13, cameAt: Local(3, 19, 50))), CancellationToken.None);

        Assert.Empty(_smtp.Messages());
        Assert.Null(await EscalatedAtAsync());
        var lead = await Hub.WithDbAsync(db => db.Leads.SingleAsync(l => l.OdooId == 700));
        Assert.Equal((Local(6, 8, 5), FirstResponseKind.Call, 13L), (lead.FirstResponseAt!.Value, lead.FirstResponseKind!.Value, lead.FirstResponseUserId!.Value));
    }

    [Fact]
    public async Task A_lead_won_or_lost_meanwhile_is_not_escalated()
    {
        await LinkAsync();
        _odoo.Model("crm.lead").Single()["active"] = false;

        _clock.SetUtcNow(Local(6, 9, 0));
        await Handler(LeadEscalation.KindName).SendAsync(Message(Alert(13, cameAt: Local(3, 19, 50))), CancellationToken.None);

        Assert.Empty(_smtp.Messages());
        Assert.Null(await EscalatedAtAsync());
    }

    [Fact]
    public async Task First_responses_are_read_from_the_chatter_a_real_Odoo_17_wrote_note_message_call_and_stage()
    {
        // Leads 49–52 as recorded: each touched once by Rana (user 8) two seconds after the hub's user created it, lead 51
        // and 52 after a note of the hub's own user, which is not a response.
        _odoo.Models["mail.message"] = [.. RecordedLeads.SelectMany(Recorded)];
        _odoo.Models["res.users"] = [.. OdooFixtures.Result("response_users").AsArray().Select(u => u!.AsObject().DeepClone().AsObject())];
        var created = DateTime.SpecifyKind(DateTime.Parse("2026-12-03 14:11:18", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(new[] { 49L, 50, 51, 52, 53 }.Select(id => new Lead { OdooId = id, Name = $"lead {id}", CreateDate = created }));
            return db.SaveChangesAsync();
        });

        var found = await Hub.WithDbAsync(async db =>
        {
            using var scope = Hub.Services.CreateScope();
            return await FirstResponses.CatchUpAsync(scope.ServiceProvider.GetRequiredService<GAssistant.Hub.Odoo.OdooClient>(), db, created.AddHours(1), TimeSpan.FromDays(30), CancellationToken.None);
        });

        Assert.Equal(4, found);
        var leads = await Hub.WithDbAsync(db => db.Leads.OrderBy(l => l.OdooId).ToListAsync());
        Assert.Equal([FirstResponseKind.Note, FirstResponseKind.Message, FirstResponseKind.Call, FirstResponseKind.Update, null], leads.Select(l => l.FirstResponseKind));
        Assert.All(leads.Take(4), l => Assert.Equal((TimeSpan.FromSeconds(2), 8L), (l.FirstResponseAt!.Value - created, l.FirstResponseUserId!.Value)));
        Assert.Null(leads[4].FirstResponseAt);
    }

    private static readonly int[] RecordedLeads = [49, 50, 51, 52];

    [Fact]
    public async Task A_lead_made_through_the_API_gets_the_task_the_email_with_its_source_and_waits_on_crm_when_nobody_answers()
    {
        _odoo.Models["ir.model"] = [new JsonObject { ["id"] = 190, ["model"] = "crm.lead" }];
        _odoo.Models["mail.activity"] = [];
        _odoo.Models["crm.team.member"] = [new JsonObject { ["id"] = 1, ["crm_team_id"] = 1, ["user_id"] = new JsonArray(13, "جمال جدة"),
            ["assignment_optout"] = false, ["assignment_max"] = 30, ["lead_month_count"] = 0, ["assignment_domain"] = false, ["active"] = true }];

        var response = await Hub.CreateApiClient().PostAsJsonAsync("/api/odoo/leads", new
        {
            name = "عميل من الموقع <i>", email = "visitor@example.com", phone = "0501234567", country = "SA", source = "Website",
            description = "يريد عرض سعر لـ 20 جهازاً", team_id = 1,
        });

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var lead = _odoo.Records("crm.lead").Single(l => l["id"]!.GetValue<int>() != 700);
        var id = lead["id"]!.GetValue<int>();
        Assert.Equal(13, lead["user_id"]!.GetValue<int>());
        var task = Assert.Single(_odoo.Records("mail.activity"));
        Assert.Equal(("اتصل بالعميل المحتمل الجديد", 13), (task["summary"]!.GetValue<string>(), task["user_id"]!.GetValue<int>()));
        Assert.Contains($"من الموقع أو أحد النماذج", task["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith($"[api_lead:{id}]", task["note"]!.GetValue<string>(), StringComparison.Ordinal);

        // Thursday 10:00 in Riyadh is working time: the outbox sends the email as soon as the lead is stored.
        var mail = Assert.Single(await _smtp.WaitForAsync(1)).Message;
        Assert.Equal($"lead-odoo-{id}-salesperson@g-assistant.hub", mail.MessageId);
        Assert.Equal("عميل محتمل جديد: عميل من الموقع <i>", mail.Subject);
        Assert.Contains("عميل محتمل جديد من الموقع أو أحد النماذج أصبح لك", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("المصدر: Website", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("ملاحظات: يريد عرض سعر لـ 20 جهازاً", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Meta", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://wa.me/966501234567\" dir=\"ltr\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("عميل من الموقع &lt;i&gt;", mail.HtmlBody, StringComparison.Ordinal);

        // Nobody touches it for 30 working minutes: the leader hears of it and /crm lists it as waiting.
        _clock.Advance(TimeSpan.FromMinutes(31));
        var both = await _smtp.WaitForAsync(2);
        Assert.Equal(["leena@example.com"], both.Single(m => m.Message.MessageId == $"lead-odoo-{id}-leader@g-assistant.hub").Recipients);
        var figures = await Hub.WithDbAsync(db => GAssistant.Hub.Crm.ResponseTimes.LoadAsync(db, new GAssistant.Hub.Crm.LeadFilter(),
            new GAssistant.Hub.Scheduling.WorkingClock(GAssistant.Hub.Scheduling.WorkingWeek.SundayToThursday, new TimeOnly(20, 0), new TimeOnly(8, 0), Riyadh),
            _clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        var waiting = Assert.Single(figures.Waiting);
        Assert.Equal(((long)id, "عميل من الموقع <i>"), (waiting.OdooId, waiting.Name));
    }

    private IOutboxHandler Handler(string kind) => Hub.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == kind);

    private static OutboxMessage Message(LeadAlert alert) => new() { Kind = "test", DedupKey = alert.LeadgenId, Payload = alert.Json() };

    private static LeadAlert Alert(long userId, long team = 1, DateTime? cameAt = null) => new(
        "l-5001", 700, userId, team, "ليلى <b>الأحمد</b>", "+966501234567", "050 123 4567", "layla@example.com", "Winter 2026", "Ad A", "عرض الشتاء",
        [new LeadAlertAnswer("ما هي ميزانيتك؟", "50,000 ريال")], cameAt ?? Local(3, 9, 59));

    private Task<int> LinkAsync() => Hub.WithDbAsync(db =>
    {
        db.MetaLeadLinks.Add(new MetaLeadLink { LeadgenId = "l-5001", OdooLeadId = 700, LinkedAt = Local(3, 19, 50) });
        return db.SaveChangesAsync();
    });

    private Task<DateTime?> EscalatedAtAsync() => Hub.WithDbAsync(db => db.MetaLeadLinks.Where(l => l.LeadgenId == "l-5001").Select(l => l.EscalatedAt).SingleAsync());

    private static IEnumerable<JsonObject> Recorded(int leadId) =>
        OdooFixtures.Result("response_messages").AsArray().Select(m => m!.AsObject().DeepClone().AsObject()).Where(m => m["res_id"]!.GetValue<int>() == leadId);

    private static DateTime Local(int day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified), Riyadh);

    private static JsonObject Team(int id, int leader, string name) => new() { ["id"] = id, ["name"] = $"Team {id}", ["user_id"] = new JsonArray(leader, name) };

    private static JsonObject User(int id, int partner, string name, string email, string lang) => new()
    {
        ["id"] = id, ["name"] = name, ["email"] = email, ["lang"] = lang, ["share"] = false, ["partner_id"] = new JsonArray(partner, name), ["active"] = true,
    };
}

public sealed class SpeedToLeadTestsOnSqlite() : SpeedToLeadTests(HubProvider.Sqlite);

public sealed class SpeedToLeadTestsOnPostgres() : SpeedToLeadTests(HubProvider.Postgres);
