using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using GAssistant.Hub.Data;
using GAssistant.Hub.Health;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Auth;
using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// Issue 19's test for each way Meta stops delivering leads, against the Login and Graph doubles, a fake clock and the
/// suite's real SMTP server: the failure is seen within one check interval (15 minutes), makes one email to the report
/// recipient and one banner on the administrator's pages, the repair makes one "back to normal" email and takes the banner
/// away, and a message that waited in the outbox with an hour of backoff left goes out once, at once. Error shapes from
/// Meta's pages: <c>/debug_token</c> (https://developers.facebook.com/docs/graph-api/reference/debug_token),
/// <c>/me/permissions</c> (https://developers.facebook.com/docs/graph-api/reference/user/permissions),
/// <c>/{page-id}/subscribed_apps</c> (https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps),
/// <c>has_lead_access</c> (https://developers.facebook.com/docs/graph-api/reference/has-lead-access/).
/// </summary>
public sealed partial class MetaAlertsTests() : HealthTestHub(HubProvider.Sqlite)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private readonly MetaBoundHandler _handler = new();
    private SmtpCapture _smtp = null!;

    public static TheoryData<string> Failures => ["token_expiring", "permission_revoked", "page_unsubscribed", "leads_access_manager"];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Hub:PublicUrl"] = "https://hub.example.com";
            settings["Hub:DefaultLanguage"] = "en";
            settings["Outbox:PollInterval"] = "00:00:01";
            settings["Reports:Smtp:Host"] = "127.0.0.1";
            settings["Reports:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
            settings["Reports:Smtp:Security"] = "None";
            settings["Reports:From"] = "G-Assistant <alerts@hub.example>";
            settings["Reports:Recipients:0"] = "ops@example.com";
            return settings;
        }
    }

    // A system-user token is unaffected by time; the expiring case changes what /debug_token says about it.
    protected override TimeSpan? TokenLifetime => TimeSpan.FromDays(60);

    public override async Task InitializeAsync()
    {
        _smtp = await SmtpCapture.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    protected override void Configure(HubFactory hub)
    {
        base.Configure(hub);
        hub.WithServices(services => services.AddSingleton<IOutboxHandler>(_handler));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_way_Meta_stops_sends_one_alert_and_one_banner_then_one_back_to_normal_and_the_waiting_message_once(string failure)
    {
        await FirstRunAsync();
        Assert.All(Board.Checks, c => Assert.Equal(CheckState.Ok, c.State));
        var admin = await SignedInAsync();
        Assert.Equal(0, await BannersAsync(admin));

        var (key, state, code) = Break(failure);
        _handler.Up = false;
        var id = await QueueAsync();

        await AdvanceUntilAsync(() => Check(key)?.State == state, Interval);
        Assert.Equal(code, Check(key)!.Result.Code);
        var alert = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["ops@example.com"], alert.Recipients);
        Assert.Equal($"G-Assistant: {CheckText.State(state, "en")} — {CheckText.Subject(Check(key)!.Result, "en")}", alert.Message.Subject);
        Assert.Contains(CheckText.Finding(Check(key)!.Result, "en"), alert.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("1 messages (leads for Odoo, events for Meta) wait in the hub", alert.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await BannersAsync(admin));

        Repair(failure);
        _handler.Up = true;
        await AdvanceUntilAsync(() => Check(key)?.State == CheckState.Ok, Interval);
        var mails = await _smtp.WaitForAsync(2);
        Assert.Equal($"G-Assistant: back to normal — {CheckText.Subject(Check(key)!.Result, "en")}", mails[1].Message.Subject);
        Assert.Equal(0, await BannersAsync(admin));

        var moved = TimeSpan.Zero;
        while (await Hub.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()) != OutboxStatus.Sent)
        {
            Assert.True(moved < TimeSpan.FromMinutes(1), "The waiting message was not sent within a minute of the recovery.");
            Clock.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(50);
        }

        // A further interval of checks changes nothing: no third email, the message not sent again.
        var runs = Board.LastRunAt;
        for (var minute = 0; minute <= Interval.TotalMinutes; minute++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(Board.LastRunAt), at => at > runs);
        await Task.Delay(1000);
        Assert.Equal(2, _smtp.Messages().Count);
        Assert.Equal(1, _handler.Sent(id));
    }

    [Fact]
    public async Task A_restart_while_a_check_fails_sends_no_second_alert_and_keeps_the_banner_and_since()
    {
        await FirstRunAsync();
        var (key, state, _) = Break("leads_access_manager");
        await AdvanceUntilAsync(() => Check(key)?.State == state, Interval);
        Assert.Single(await _smtp.WaitForAsync(1));
        var since = Check(key)!.Since;
        Clock.Advance(TimeSpan.FromMinutes(5));

        // An update or a reboot: the hub stops and starts again on the same database, Meta still blocking the leads.
        await using var restarted = await Hub.RestartAsync();
        var board = restarted.Services.GetRequiredService<HealthBoard>();
        var restartedAt = Clock.GetUtcNow();
        await Eventually.ReturnsAsync(() => Task.FromResult(board.LastRunAt), at => at >= restartedAt);

        var check = board.Checks.Single(c => c.Result.Key == key);
        Assert.Equal(state, check.State);
        Assert.Equal(since, check.Since);
        var admin = restarted.CreateAnonymousClient();
        var login = await AuthTests.PostLoginAsync(admin, await admin.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(1, await BannersAsync(admin));
        await Task.Delay(1000);
        Assert.Single(_smtp.Messages());

        // The repair after the restart is still one "back to normal" email.
        Repair("leads_access_manager");
        var moved = TimeSpan.Zero;
        while (board.Checks.Single(c => c.Result.Key == key).State != CheckState.Ok)
        {
            Assert.True(moved <= Interval, "The repair was not seen within one interval after the restart.");
            Clock.Advance(TimeSpan.FromMinutes(1));
            moved += TimeSpan.FromMinutes(1);
            await Task.Delay(200);
        }

        var mails = await _smtp.WaitForAsync(2);
        Assert.StartsWith("G-Assistant: back to normal", mails[1].Message.Subject, StringComparison.Ordinal);
    }

    private (string Key, CheckState State, string Code) Break(string failure)
    {
        var page = "meta.page:" + MetaTestHub.PageId;
        var grant = Login.Tokens[MetaTestHub.AccessToken];
        switch (failure)
        {
            case "token_expiring":
                // The person's user token was exchanged long ago: /debug_token's expires_at is six days away.
                Login.Tokens[MetaTestHub.AccessToken] = grant with { Expires = Clock.GetUtcNow() + TimeSpan.FromDays(6) };
                return ("meta.token", CheckState.Warning, "meta_token_expiring");
            case "permission_revoked":
                // Removed in Business Integrations: /me/permissions answers "declined" for it.
                Login.Tokens[MetaTestHub.AccessToken] = grant with
                {
                    Granted = [.. grant.Granted.Where(p => p != "leads_retrieval")], Declined = ["leads_retrieval"],
                };
                return ("meta.token", CheckState.Failing, "meta_permission_revoked");
            case "page_unsubscribed":
                // The app was removed from the Page: subscribed_apps no longer lists it (the hub subscribes it again and says so).
                Login.Subscriptions[MetaTestHub.PageId].Clear();
                return (page, CheckState.Warning, "meta_page_resubscribed");
            case "leads_access_manager":
                Graph.Objects[MetaTestHub.PageId] = LeadAccess(false, "The CRM was not assigned in Leads Access Manager",
                    "Assign the CRM in Business Settings > Integrations > Leads Access");
                return (page, CheckState.Failing, "meta_leads_access_blocked");
            default:
                throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }
    }

    private void Repair(string failure)
    {
        switch (failure)
        {
            case "token_expiring":
                // Reconnected in Settings: a new 60-day token.
                Login.Tokens[MetaTestHub.AccessToken] = Login.Tokens[MetaTestHub.AccessToken] with { Expires = Clock.GetUtcNow() + TimeSpan.FromDays(60) };
                break;
            case "permission_revoked":
                Login.Tokens[MetaTestHub.AccessToken] = Login.Tokens[MetaTestHub.AccessToken] with
                {
                    Granted = Meta.Setup.MetaSetupHub.AllPermissions, Declined = [],
                };
                break;
            case "page_unsubscribed":
                Assert.Equal(["leadgen"], Login.Subscriptions[MetaTestHub.PageId][AppId]);
                break;
            case "leads_access_manager":
                Graph.Objects[MetaTestHub.PageId] = LeadAccess(true);
                break;
        }
    }

    /// <summary>A message that failed three times while Meta refused and waits an hour before its next try.</summary>
    private Task<long> QueueAsync() => Hub.WithDbAsync(async db =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = MetaBoundHandler.Kind, DedupKey = "capi-42", Payload = "{}", CreatedAt = now, Status = OutboxStatus.Pending,
            Attempts = 3, NextAttemptAt = now.AddHours(1), LastError = "GraphApiException: (#190) Error validating access token",
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    private async Task<HttpClient> SignedInAsync()
    {
        var client = Hub.CreateAnonymousClient();
        var login = await AuthTests.PostLoginAsync(client, await client.GetStringAsync("/login"), TestSecrets.AdminEmail, TestSecrets.AdminPassword);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    /// <summary>How many health banners the administrator's /crm page shows.</summary>
    private static async Task<int> BannersAsync(HttpClient admin) => BannerElement().Count(await admin.GetStringAsync("/crm"));

    [GeneratedRegex("data-testid=\"health-banner\"")]
    private static partial Regex BannerElement();

    /// <summary>A message kind that needs Meta: fails while Meta refuses, counts each successful send.</summary>
    private sealed class MetaBoundHandler : IOutboxHandler
    {
        public const string Kind = "test.needs_meta";

        private readonly ConcurrentDictionary<long, int> _sent = new();

        public volatile bool Up = true;

        string IOutboxHandler.Kind => Kind;

        public int Sent(long id) => _sent.GetValueOrDefault(id);

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (!Up)
            {
                throw new HttpRequestException("(#190) Error validating access token");
            }

            _sent.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}
