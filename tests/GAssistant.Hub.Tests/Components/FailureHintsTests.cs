using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Reports;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace GAssistant.Hub.Tests.Components;

/// <summary>
/// What Settings says when a report could not be sent or the last Odoo sync failed (issue 17): a sentence of the
/// reader's language, with only the other side's own words (the SMTP server's reply, Odoo's error) quoted inside
/// direction isolates. An Arabic page once read "لم يُرسل: The SMTP server refused or failed: …".
/// </summary>
public sealed class FailureHintsTests : ComponentTest
{
    private const string ServerSaid = "5.7.1 Relaying denied";

    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void A_refused_report_is_said_in_arabic_with_only_the_servers_words_quoted()
    {
        UseCulture("ar");
        var run = new ReportRun("daily", "ar", "settings", new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc), 2, false,
            $"The SMTP server refused or failed: {ServerSaid}", ServerSaid);

        var text = HintText.Render(L, run.Outcome);

        Assert.Contains("خادم البريد", text, StringComparison.Ordinal);
        Assert.Contains(HintText.Isolated(ServerSaid), text, StringComparison.Ordinal);
        Assert.Empty(LatinOutsideQuotes(text));
    }

    [Fact]
    public void The_report_health_hint_after_a_failed_send_has_no_english_sentence_in_arabic()
    {
        var status = new ReportsStatus(new FixedOptionsMonitor<ReportsOptions>(new ReportsOptions { Smtp = { Host = "smtp.example.com" }, From = "hub@example.com" }));
        status.Record(new ReportRun("weekly", "en", "schedule", new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc), 3, false,
            $"The SMTP server refused or failed: {ServerSaid}", ServerSaid));
        status.Record(new ReportRun("daily", "en", "schedule", new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc), 0, false,
            "No recipients: set Reports:Recipients:0."));

        UseCulture("ar");
        var noRecipients = HintText.Render(L, status.Current().Hint!);
        UseCulture("en");
        var english = HintText.Render(L, status.Current().Hint!);

        Assert.Empty(LatinOutsideQuotes(noRecipients));
        Assert.Contains("No recipients", english, StringComparison.Ordinal);
        Assert.DoesNotContain("No recipients", noRecipients, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_odoo_sync_explains_itself_in_arabic()
    {
        var options = OdooFixtures.Options();
        var sync = new OdooSyncStatus();
        var (message, problem) = OdooHealthCheck.Explained(new OdooException(OdooErrorKind.BadCredentials, "Access Denied"), options);
        sync.Record(new DateTime(2026, 12, 2, 6, 0, 0, DateTimeKind.Utc), false, message, problem);
        var state = new OdooIntegrationStatus(new FixedOptionsMonitor<OdooOptions>(options), sync).Current();

        UseCulture("ar");
        var arabic = HintText.Render(L, state.Hint!);
        UseCulture("en");
        var english = HintText.Render(L, state.Hint!);

        Assert.Contains("refused the login", english, StringComparison.Ordinal);
        Assert.Contains("فشلت آخر مزامنة", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", arabic, StringComparison.Ordinal);
        Assert.Empty(LatinOutsideQuotes(arabic));
        Assert.Contains("refused", state.Detail, StringComparison.Ordinal); // /health keeps its English detail
    }

    /// <summary>
    /// Latin words left once the quoted parts (between U+2068 and U+2069, nested or not) and the names an Arabic page
    /// writes in Latin letters (Odoo, API, SMTP: the browser tests' LanguageCheck.Brands) are taken out.
    /// </summary>
    private static List<string> LatinOutsideQuotes(string text)
    {
        var outside = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == HintText.Isolate ? 1 : c == HintText.PopIsolate ? -1 : 0;
            if (depth == 0 && c != HintText.PopIsolate)
            {
                outside.Append(c);
            }
        }

        return [.. System.Text.RegularExpressions.Regex.Matches(outside.ToString(), "[A-Za-z]+").Select(m => m.Value).Where(w => w is not ("Odoo" or "API" or "SMTP"))];
    }
}
