using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GAssistant.Hub.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>
/// Email reports through a real SMTP server (aiosmtpd), read back with MimeKit as a mail client would: the chart is a
/// related inline part whose Content-Id the HTML's img names (RFC 2392 cid: URLs, RFC 2387 multipart/related), the CSV
/// is an attachment, and the figures are those of <see cref="ReportFixture"/>. The hub's clock is fixed at 2026-11-24 06:59 UTC.
/// </summary>
public abstract class ReportEmailTests(HubProvider provider) : HubTest(provider)
{
    private SmtpCapture _smtp = null!;
    private readonly FakeTimeProvider _clock = new(ReportFixture.Now);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:Smtp:Host"] = "127.0.0.1",
        ["Reports:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Reports:Smtp:Security"] = "None",
        ["Reports:From"] = "G-Assistant <reports@hub.example>",
        ["Reports:Recipients:0"] = "ops@example.com",
        ["Reports:Recipients:1"] = "ceo@example.com",
        ["Reports:Schedules:0:Report"] = "daily",
        ["Reports:Schedules:0:Cron"] = "0 7 * * *",
        ["Reports:Schedules:0:Language"] = "ar",
        ["Reports:Schedules:0:Recipients:0"] = "sales@example.com",
    };

    public override async Task InitializeAsync()
    {
        _smtp = await SmtpCapture.StartAsync();
        await base.InitializeAsync();
        await ReportFixture.ArrangeAsync(Hub);
    }

    protected override void Configure(HubFactory hub) => hub.WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Daily_report_in_English_arrives_with_the_figures_an_inline_chart_and_the_csv()
    {
        var response = await Hub.CreateApiClient().PostAsJsonAsync("/api/reports/send", new { report = "daily", language = "en" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.Equal(2, answer["recipients"]!.GetValue<int>());
        var mail = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["ops@example.com", "ceo@example.com"], mail.Recipients);
        var message = mail.Message;
        Assert.Equal("Daily report 2026-11-23", message.Subject);
        Assert.Equal("reports@hub.example", message.From.Mailboxes.Single().Address);

        var html = message.HtmlBody!;
        Assert.Contains("<html dir=\"ltr\" lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Period: 2026-11-23 to 2026-11-23, compared with 2026-11-22 to 2026-11-22.", html, StringComparison.Ordinal);
        AssertFigure(html, "leads", "4", "1", "+300.0%");
        AssertFigure(html, "won", "2", "0", "–");
        // Time to first response in working minutes (lower is better), and the median on the clock.
        AssertFigure(html, "first_response_median", "30.0", "6.0", "+400.0%");
        AssertFigure(html, "first_response_p90", "600.0", "6.0", "+9900.0%");
        AssertFigure(html, "first_response_median_clock", "30.0", "6.0", "+400.0%");
        Assert.Contains("Time to first response, 90th percentile (working minutes)", html, StringComparison.Ordinal);
        AssertFigure(html, "spend", "350.00 SAR", "200.00 SAR", "+75.0%");
        AssertFigure(html, "meta_leads", "12", "9", "+33.3%");
        AssertFigure(html, "cpl", "29.17 SAR", "22.22 SAR", "+31.3%");
        AssertFigure(html, "revenue", "1,050.00 SAR", "0.00 SAR", "–");
        AssertFigure(html, "roas", "3", "0", "–");
        Assert.Contains("Increase the budget of <b>Ramadan Offer</b>: ROAS 5.", html, StringComparison.Ordinal);
        Assert.Contains("Pause or rework <b>عرض الشتاء &lt;b&gt;&amp;&quot;</b>: ROAS 0.50 is below 1.", html, StringComparison.Ordinal);
        Assert.Contains("<b>=Brand Awareness</b> spent 50.00 SAR without a single lead", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportFixture.WinterName, html, StringComparison.Ordinal); // only ever encoded

        AssertInlineChart(message);
        var csv = AssertCsv(message, "report-daily-2026-11-23_2026-11-23.csv");
        var ramadan = csv.Single(r => r["campaign_id"] == "c1");
        Assert.Equal(200m, Dec(ramadan["spend"]));
        Assert.Equal(10m, Dec(ramadan["leads"]));
        Assert.Equal(20m, Dec(ramadan["cpl"]));
        Assert.Equal(1000m, Dec(ramadan["revenue"]));
        Assert.Equal(5m, Dec(ramadan["roas"]));
        Assert.Equal("'=Brand Awareness", csv.Single(r => r["campaign_id"] == "c3")["campaign"]); // not a formula in a spreadsheet
        Assert.Equal(ReportFixture.WinterName, csv.Single(r => r["campaign_id"] == "c2")["campaign"]);
    }

    [Fact]
    public async Task Weekly_report_in_Arabic_arrives_right_to_left_with_its_Arabic_subject_and_body_intact()
    {
        var response = await Hub.CreateApiClient().PostAsJsonAsync("/api/reports/send", new { report = "weekly", language = "ar" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(await _smtp.WaitForAsync(1)).Message;
        Assert.Equal("التقرير الأسبوعي من 2026-11-17 إلى 2026-11-23", message.Subject);
        var html = message.HtmlBody!;
        Assert.Contains("<html dir=\"rtl\" lang=\"ar\">", html, StringComparison.Ordinal);
        Assert.Contains("الفترة: من 2026-11-17 إلى 2026-11-23، مقارنةً بالفترة من 2026-11-10 إلى 2026-11-16.", html, StringComparison.Ordinal);
        Assert.Contains("الأرقام الرئيسية", html, StringComparison.Ordinal);
        AssertFigure(html, "spend", "550.00 SAR", "0.00 SAR", "–");
        AssertFigure(html, "leads", "5", "0", "–");
        AssertFigure(html, "first_response_p90", "600.0", "–", "–");
        Assert.Contains("زمن أول رد، المئين التسعون (دقائق عمل)", html, StringComparison.Ordinal);
        Assert.Contains("زِد ميزانية الحملة <b>Ramadan Offer</b>", html, StringComparison.Ordinal);
        Assert.Contains("عرض الشتاء &lt;b&gt;&amp;&quot;", html, StringComparison.Ordinal);
        Assert.Contains("التقرير الأسبوعي", message.TextBody!, StringComparison.Ordinal);
        Assert.Equal("ar", message.Body!.Headers[HeaderId.ContentLanguage]);
        AssertInlineChart(message);
        var csv = AssertCsv(message, "report-weekly-2026-11-17_2026-11-23.csv");
        Assert.Equal(300m, Dec(csv.Single(r => r["campaign_id"] == "c1")["spend"]));
    }

    [Fact]
    public async Task A_schedule_sends_its_report_at_its_cron_time_to_its_own_recipients_in_its_language()
    {
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(_smtp.Messages());

        _clock.Advance(TimeSpan.FromSeconds(30)); // 07:00, the schedule's "0 7 * * *"

        var mail = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["sales@example.com"], mail.Recipients);
        Assert.Equal("التقرير اليومي 2026-11-23", mail.Message.Subject);
        // The SMTP server holds the message before the sender hears its reply and records the run.
        var status = await Eventually.ReturnsAsync(
            () => Task.FromResult(Hub.Services.GetRequiredService<ReportsStatus>().Snapshot()), s => s.RecentRuns.Count > 0);
        Assert.Equal("ok", status.State.State);
        var run = Assert.Single(status.RecentRuns);
        Assert.Equal(("daily", "ar", "schedule", true), (run.Report, run.Language, run.Trigger, run.Succeeded));
        Assert.Equal(new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc), await Eventually.ReturnsAsync(
            () => Task.FromResult(Hub.Services.GetRequiredService<ReportsStatus>().Snapshot().Schedules.Single().NextRunUtc),
            next => next > new DateTime(2026, 11, 24, 7, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task A_send_request_with_unknown_report_and_language_is_refused_with_field_errors()
    {
        var response = await Hub.CreateApiClient().PostAsJsonAsync("/api/reports/send", new { report = "monthly", language = "fr" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(problem["success"]!.GetValue<bool>());
        Assert.NotNull(problem["errors"]!["report"]);
        Assert.NotNull(problem["errors"]!["language"]);
        Assert.Empty(_smtp.Messages());
    }

    private static void AssertFigure(string html, string key, string current, string previous, string change)
    {
        var start = html.IndexOf($"<tr data-figure=\"{key}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {key} row");
        var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        var cells = System.Text.RegularExpressions.Regex.Matches(row, "<bdi>(.*?)</bdi>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal([current, previous, change], cells.Skip(1).ToList());
    }

    private static void AssertInlineChart(MimeMessage message)
    {
        var related = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("image", "png"));
        var group = Multiparts(message.Body!).OfType<MultipartRelated>().Single(m => m.Contains(related));
        Assert.True(group.Root!.ContentType.IsMimeType("text", "html"));
        Assert.False(string.IsNullOrEmpty(related.ContentId));
        Assert.Contains($"src=\"cid:{related.ContentId}\"", message.HtmlBody!, StringComparison.Ordinal);
        Assert.Equal(ContentDisposition.Inline, related.ContentDisposition!.Disposition);
        using var png = new MemoryStream();
        related.Content!.DecodeTo(png);
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png.ToArray()[..8]);
    }

    private static IEnumerable<Multipart> Multiparts(MimeEntity entity) =>
        entity is Multipart multipart ? [multipart, .. multipart.SelectMany(Multiparts)] : [];

    private static List<Dictionary<string, string>> AssertCsv(MimeMessage message, string name)
    {
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(name, attachment.FileName);
        Assert.True(attachment.ContentType.IsMimeType("text", "csv"));
        using var bytes = new MemoryStream();
        attachment.Content!.DecodeTo(bytes);
        var text = new UTF8Encoding(false).GetString(bytes.ToArray()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ReportCsv.Header, lines[0]);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => header.Zip(SplitCsv(line)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') { quoted = !quoted; }
            else if (c == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else { cell.Append(c); }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}

public sealed class ReportEmailTestsOnSqlite() : ReportEmailTests(HubProvider.Sqlite);

public sealed class ReportEmailTestsOnPostgres() : ReportEmailTests(HubProvider.Postgres);
