using System.Collections.Concurrent;
using System.Globalization;
using GAssistant.Hub.Data;
using GAssistant.Hub.Health;
using GAssistant.Hub.Outbox;
using GAssistant.Hub.Tests.Odoo;
using GAssistant.Hub.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Health;

/// <summary>
/// Issue 19 items 3 and 4 with the real SMTP server of the suite and the Odoo fixture double: Odoo stops answering → one
/// alert email per language (the Arabic one to the recipient of no schedule, the hub's default language; the English one to
/// the English schedule's recipient), nothing more while it stays down, one "back to normal" email when it answers again, and
/// a lead that waited in the outbox with an hour of backoff left goes out at once, once.
/// </summary>
public abstract class HealthAlertsTests(HubProvider provider) : OdooHubTest(provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly OdooBoundHandler _handler = new();
    private SmtpCapture _smtp = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Health:FirstCheckDelay"] = "1.00:00:00", // the test runs the checks itself
        ["Hub:PublicUrl"] = "https://hub.example.com",
        ["Hub:DefaultLanguage"] = "ar",
        ["Outbox:PollInterval"] = "00:00:01",
        ["Reports:Smtp:Host"] = "127.0.0.1",
        ["Reports:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Reports:Smtp:Security"] = "None",
        ["Reports:From"] = "G-Assistant <alerts@hub.example>",
        ["Reports:Recipients:0"] = "ops@example.com",
        ["Reports:Schedules:0:Report"] = "weekly",
        ["Reports:Schedules:0:Cron"] = "0 7 * * 1",
        ["Reports:Schedules:0:Language"] = "en",
        ["Reports:Schedules:0:Recipients:0"] = "owner@example.com",
    };

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
        Odoo.InstallAddon();
        Odoo.SystemParameters = new() { ["g_assistant_connector.enabled"] = "True", ["g_assistant_connector.hub_url"] = "https://hub.example.com" };
        hub.WithServices(services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IOutboxHandler>(_handler);
        });
    }

    /// <summary>One run of the checks; the fake clock moves a second at a time meanwhile, as the Odoo client waits on it between retries.</summary>
    private async Task<IReadOnlyList<HealthChange>> RunAsync()
    {
        var run = Hub.Services.GetRequiredService<HealthWorker>().RunOnceAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!run.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "The checks did not finish within two minutes of real time.");
            await Task.WhenAny(run, Task.Delay(20));
            if (!run.IsCompleted)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await run;
    }

    [Fact]
    public async Task Odoo_going_down_sends_one_alert_per_language_one_back_to_normal_and_the_waiting_lead_goes_out_at_once()
    {
        Assert.Empty(await RunAsync());
        Assert.Empty(_smtp.Messages());

        // Odoo stops answering; a lead for it already failed three times and waits an hour.
        Odoo.Down = true;
        _handler.Up = false;
        var id = await Hub.WithDbAsync(async db =>
        {
            var message = new OutboxMessage
            {
                Kind = OdooBoundHandler.Kind, DedupKey = "lead-42", Payload = "{}", CreatedAt = Start.UtcDateTime, Status = OutboxStatus.Pending,
                Attempts = 3, NextAttemptAt = Start.UtcDateTime.AddHours(1), LastError = "HttpRequestException: 502 Bad Gateway",
            };
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

        var down = await RunAsync();
        Assert.Contains(down, c => c.Check.Result.Key == "odoo.connection" && c.Check.State == CheckState.Failing);
        var alerts = await _smtp.WaitForAsync(2);
        var arabic = alerts.Single(m => m.Recipients.SequenceEqual(["ops@example.com"]));
        var english = alerts.Single(m => m.Recipients.SequenceEqual(["owner@example.com"]));
        Assert.StartsWith("G-Assistant: ", arabic.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("معطّل", arabic.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("تنتظر في المركز", arabic.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("rtl", arabic.Message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Failing", english.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("1 messages (leads for Odoo, events for Meta) wait in the hub", english.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://hub.example.com/settings", english.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\u0600-\u06FF]", english.Message.TextBody);

        // Still down at the next run: no second alert.
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await RunAsync());
        Assert.Equal(2, _smtp.Messages().Count);
        Assert.Equal(0, _handler.Sent(id));

        // Back: one "back to normal" email per language, and the lead goes out now, not in an hour.
        Odoo.Down = false;
        _handler.Up = true;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var up = await RunAsync();
        Assert.Contains(up, c => c.Check.Result.Key == "odoo.connection" && c.Recovered);
        var all = await _smtp.WaitForAsync(4);
        var recovered = all.Skip(2).Single(m => m.Recipients.SequenceEqual(["owner@example.com"]));
        Assert.Contains("back to normal", recovered.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("إلى طبيعتها", all.Skip(2).Single(m => m.Recipients.SequenceEqual(["ops@example.com"])).Message.Subject, StringComparison.Ordinal);

        var moved = TimeSpan.Zero;
        while (await Hub.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()) != OutboxStatus.Sent)
        {
            Assert.True(moved < TimeSpan.FromMinutes(1), "The waiting lead was not sent within a minute of the recovery.");
            _clock.Advance(TimeSpan.FromSeconds(1));
            moved += TimeSpan.FromSeconds(1);
            await Task.Delay(50);
        }

        await Task.Delay(500);
        Assert.Equal(1, _handler.Sent(id));
        Assert.Equal(4, _smtp.Messages().Count);
    }

    /// <summary>A message kind that needs Odoo: fails while it is down, counts each successful send.</summary>
    private sealed class OdooBoundHandler : IOutboxHandler
    {
        public const string Kind = "test.needs_odoo";

        private readonly ConcurrentDictionary<long, int> _sent = new();

        public volatile bool Up = true;

        string IOutboxHandler.Kind => Kind;

        public int Sent(long id) => _sent.GetValueOrDefault(id);

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (!Up)
            {
                throw new HttpRequestException("502 Bad Gateway");
            }

            _sent.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}

public sealed class HealthAlertsTestsOnSqlite() : HealthAlertsTests(HubProvider.Sqlite);

public sealed class HealthAlertsTestsOnPostgres() : HealthAlertsTests(HubProvider.Postgres);
