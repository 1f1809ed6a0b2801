using System.Text;
using System.Text.Json;
using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>Pure parsing and classification, from Meta's documented examples.</summary>
public sealed class MetaParsingTests
{
    /// <summary>The insights example shape of https://developers.facebook.com/docs/marketing-api/insights (numbers as strings, paging).</summary>
    private const string InsightsPage = """
        {"data": [{"campaign_id": "23843xxxxxx", "campaign_name": "Lead gen – Riyadh", "spend": "1234.56", "impressions": "98765",
                   "clicks": "1200", "reach": "45000",
                   "actions": [{"action_type": "link_click", "value": "1100"}, {"action_type": "onsite_conversion.lead_grouped", "value": "37"},
                               {"action_type": "lead", "value": "37"}],
                   "action_values": [{"action_type": "lead", "value": "370.5"}],
                   "date_start": "2026-11-01", "date_stop": "2026-11-01"}],
         "paging": {"cursors": {"before": "MAZDZD", "after": "MAZDZD"}}}
        """;

    [Fact]
    public void An_insights_row_reads_string_numbers_and_counts_leads_once()
    {
        using var page = JsonDocument.Parse(InsightsPage);
        var row = MetaInsightRow.Parse(page.RootElement.GetProperty("data")[0]);

        Assert.Equal(new MetaInsightRow("23843xxxxxx", "Lead gen – Riyadh", new DateOnly(2026, 11, 1), 1234.56m, 98765, 1200, 45000, 37, 370.5m), row);
    }

    /// <summary>
    /// Meta's action types (https://developers.facebook.com/docs/marketing-api/reference/ads-action-stats/): <c>lead</c> is all
    /// leads, pixel (offsite) and on-Facebook; <c>onsite_conversion.lead_grouped</c> the Instant Forms leads;
    /// <c>offsite_conversion.fb_pixel_lead</c> the website's pixel leads.
    /// </summary>
    [Theory]
    [InlineData("""[{"action_type": "lead", "value": "10"}, {"action_type": "offsite_conversion.fb_pixel_lead", "value": "4"}, {"action_type": "onsite_conversion.lead_grouped", "value": "6"}]""", 6, 4)]
    [InlineData("""[{"action_type": "lead", "value": "10"}, {"action_type": "offsite_conversion.fb_pixel_lead", "value": "4"}]""", 6, 4)]
    [InlineData("""[{"action_type": "lead", "value": "7"}]""", 7, 0)]
    [InlineData("""[{"action_type": "offsite_conversion.fb_pixel_lead", "value": "3"}, {"action_type": "lead", "value": "3"}]""", 0, 3)]
    [InlineData("""[{"action_type": "link_click", "value": "80"}]""", 0, 0)]
    public void A_lead_ads_row_counts_Instant_Forms_leads_and_keeps_website_pixel_leads_apart(string actions, long instantForms, long website)
    {
        using var row = JsonDocument.Parse($$"""{"campaign_id": "c1", "spend": "60", "date_start": "2026-11-03", "actions": {{actions}}}""");

        var parsed = MetaInsightRow.Parse(row.RootElement);

        Assert.Equal((instantForms, website), (parsed.Leads, parsed.WebsiteLeads));
    }

    /// <summary>
    /// A row of <c>/act_{id}/insights?level=ad&amp;time_increment=1</c> (https://developers.facebook.com/docs/marketing-api/insights,
    /// "Aggregate results at a defined object level"): the ids asked for in <c>fields</c> as strings, numbers as strings.
    /// </summary>
    [Fact]
    public void An_ad_insights_row_reads_its_ad_set_and_campaign_and_counts_leads_once()
    {
        using var row = JsonDocument.Parse("""
            {"ad_id": "6142546123068", "ad_name": "Video – Riyadh", "adset_id": "6142546117001", "adset_name": "Riyadh 25-45",
             "campaign_id": "23843xxxxxx", "campaign_name": "Lead gen – Riyadh", "spend": "61.7", "impressions": "9708", "clicks": "131",
             "reach": "8120",
             "actions": [{"action_type": "onsite_conversion.lead_grouped", "value": "4"}, {"action_type": "lead", "value": "4"},
                         {"action_type": "link_click", "value": "120"}],
             "action_values": [{"action_type": "lead", "value": "40"}],
             "date_start": "2026-11-03", "date_stop": "2026-11-03"}
            """);

        var ad = MetaAdInsightRow.Parse(row.RootElement);

        Assert.Equal(new MetaAdInsightRow("6142546123068", "Video – Riyadh", "6142546117001", "Riyadh 25-45",
            new MetaInsightRow("23843xxxxxx", "Lead gen – Riyadh", new DateOnly(2026, 11, 3), 61.7m, 9708, 131, 8120, 4, 40m)), ad);
        using var campaignRow = JsonDocument.Parse("""{"campaign_id": "1", "date_start": "2026-11-03"}""");
        Assert.Throws<JsonException>(() => MetaAdInsightRow.Parse(campaignRow.RootElement));
    }

    [Fact]
    public void Leads_fall_back_to_lead_grouped_only_when_there_is_no_lead_action()
    {
        using var row = JsonDocument.Parse("""
            {"campaign_id": "1", "date_start": "2026-11-02", "spend": "0",
             "actions": [{"action_type": "onsite_conversion.lead_grouped", "value": "5"}, {"action_type": "link_click", "value": "9"}]}
            """);

        Assert.Equal(5, MetaInsightRow.Parse(row.RootElement).Leads);
    }

    [Fact]
    public void A_notification_batch_reads_every_leadgen_change_with_numeric_or_string_ids()
    {
        var body = """
            {"object": "page", "entry": [
              {"id": "111", "time": 1502121230, "changes": [
                {"field": "leadgen", "value": {"leadgen_id": 444444444, "page_id": 111, "form_id": 555, "adgroup_id": 666, "ad_id": 666, "created_time": 1502121230}},
                {"field": "feed", "value": {"item": "status"}}]},
              {"id": "222", "time": 1502121231, "changes": [
                {"field": "leadgen", "value": {"leadgen_id": "777", "page_id": "222", "form_id": "888", "created_time": 1502121231}}]}]}
            """;

        Assert.True(MetaNotification.TryParse(Encoding.UTF8.GetBytes(body), out var leads, out _));

        Assert.Equal(2, leads.Count);
        Assert.Equal(new LeadgenChange("444444444", "111", "555", "666", "666", DateTimeOffset.FromUnixTimeSeconds(1502121230).UtcDateTime), leads[0]);
        Assert.Equal(("777", "222", null, null), (leads[1].LeadgenId, leads[1].PageId, leads[1].AdId, leads[1].AdgroupId));
    }

    [Theory]
    [InlineData("2015-02-28T08:49:14+0000", "2015-02-28T08:49:14Z")]
    [InlineData("2026-11-01T12:00:00+0300", "2026-11-01T09:00:00Z")]
    [InlineData("2026-11-01T12:00:00+03:00", "2026-11-01T09:00:00Z")]
    public void Meta_times_without_a_colon_in_the_offset_are_read_as_UTC(string meta, string utc) =>
        Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), MetaLead.ParseTime(meta));

    [Fact]
    public void Form_answers_map_to_Odoo_fields_and_the_rest_goes_to_the_description()
    {
        var lead = new MetaLead("1", null, null, null, null, null, "c", "Ramadan Offer", "f", "ig", false,
        [
            new LeadAnswer("first_name", ["Sara"]), new LeadAnswer("last_name", ["Omar"]), new LeadAnswer("email", ["sara@example.com"]),
            new LeadAnswer("job_title", ["CFO"]), new LeadAnswer("budget", ["50000"]), new LeadAnswer("city", ["Jeddah"]),
        ]);

        var values = LeadFieldMapping.Map(lead, new Dictionary<string, string> { ["budget"] = "x_budget", ["city"] = "" });

        Assert.Equal("Sara Omar", values.Fields["contact_name"]);
        Assert.Equal("sara@example.com", values.Fields["email_from"]);
        Assert.Equal("CFO", values.Fields["function"]);
        Assert.Equal("50000", values.Fields["x_budget"]);
        Assert.False(values.Fields.ContainsKey("city"));
        Assert.Contains("city: Jeddah", values.Description, StringComparison.Ordinal);
        Assert.Contains("[meta_lead:1]", values.Description, StringComparison.Ordinal);
        Assert.Equal("Sara Omar – Ramadan Offer", values.Name);
        Assert.Equal("Instagram", lead.SourceName);
    }

    [Theory]
    [InlineData(1, GraphErrorKind.Transient)]
    [InlineData(2, GraphErrorKind.Transient)]
    [InlineData(4, GraphErrorKind.RateLimited)]
    [InlineData(17, GraphErrorKind.RateLimited)]
    [InlineData(32, GraphErrorKind.RateLimited)]
    [InlineData(613, GraphErrorKind.RateLimited)]
    [InlineData(80000, GraphErrorKind.RateLimited)]
    [InlineData(80014, GraphErrorKind.RateLimited)]
    [InlineData(190, GraphErrorKind.NeedsReconnecting)]
    [InlineData(102, GraphErrorKind.NeedsReconnecting)]
    [InlineData(10, GraphErrorKind.PermissionMissing)]
    [InlineData(200, GraphErrorKind.PermissionMissing)]
    [InlineData(299, GraphErrorKind.PermissionMissing)]
    [InlineData(2635, GraphErrorKind.VersionExpired)]
    [InlineData(100, GraphErrorKind.Permanent)]
    public void Graph_errors_are_classified_by_code_not_by_message(int code, GraphErrorKind kind)
    {
        // https://developers.facebook.com/docs/graph-api/guides/error-handling: the same message text on purpose.
        var error = GraphApiException.From(400, $$$"""{"error": {"message": "Something happened", "type": "OAuthException", "code": {{{code}}}, "fbtrace_id": "x"}}""", null);

        Assert.Equal((kind, code), (error.Kind, error.Code!.Value));
    }

    [Fact]
    public void Usage_headers_give_each_use_case_and_object_its_own_usage_and_time_to_regain_access()
    {
        // https://developers.facebook.com/docs/graph-api/overview/rate-limiting#headers
        var headers = new Dictionary<string, string>
        {
            ["X-Business-Use-Case-Usage"] = """
                {"66782684": [{"type": "ads_management", "call_count": 95, "total_cputime": 20, "total_time": 20, "estimated_time_to_regain_access": 0},
                              {"type": "ads_insights", "call_count": 100, "total_cputime": 40, "total_time": 30, "estimated_time_to_regain_access": 3}]}
                """,
            ["X-Ad-Account-Usage"] = """{"acc_id_util_pct": 9.67, "reset_time_duration": 100, "ads_api_access_tier": "standard_access"}""",
            ["X-App-Usage"] = """{"call_count": 12, "total_cputime": 3, "total_time": 5}""",
        };

        var usage = GraphUsage.Read(name => headers.GetValueOrDefault(name), GraphScope.Insights("act_66782684"));

        Assert.Equal(100, usage.Percent);
        Assert.Equal(TimeSpan.FromMinutes(3), usage.RegainAccessFor(new RateLimitKey("ads_insights", "66782684")));
        Assert.Equal(TimeSpan.Zero, usage.RegainAccessFor(new RateLimitKey("ads_management", "66782684")));
        Assert.Contains(usage.Entries, e => e.Key == new RateLimitKey(null, "66782684") && e.Percent == 9.67);
        Assert.Contains(usage.Entries, e => e.Key == RateLimitKey.App && e.Percent == 12);
        Assert.True(GraphUsage.PauseAt(95, TimeSpan.FromSeconds(10)) > TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, GraphUsage.PauseAt(GraphUsage.Read(_ => null, GraphScope.Platform).Percent, TimeSpan.FromSeconds(10)));
    }

    /// <summary>
    /// What each documented rate-limit error blocks (https://developers.facebook.com/docs/graph-api/overview/rate-limiting,
    /// https://developers.facebook.com/docs/marketing-api/overview/rate-limiting and the Insights error codes
    /// https://developers.facebook.com/documentation/ads-commerce/marketing-api/insights/error-codes).
    /// </summary>
    [Theory]
    [InlineData(4, null, null, null)] // Application request limit reached: the whole app
    [InlineData(4, 1504022, "ads_insights", "1001")] // Insights: too many API requests, on that ad account
    [InlineData(4, 1504039, "ads_insights", "1001")]
    [InlineData(17, null, null, null)] // User request limit reached: the token
    [InlineData(17, 2446079, "ads_management", "1001")]
    [InlineData(613, 1487742, "ads_management", "1001")] // too many calls from this ad-account
    [InlineData(80000, null, "ads_insights", "1001")]
    [InlineData(80004, null, "ads_management", "1001")]
    [InlineData(80005, null, "leadgen", "1001")]
    [InlineData(80001, null, "pages", "1001")]
    public void A_rate_limit_blocks_only_what_its_code_speaks_of(int code, int? subcode, string? useCase, string? objectId)
    {
        var error = GraphApiException.From(400, new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = new System.Text.Json.Nodes.JsonObject { ["message"] = "limit", ["type"] = "OAuthException", ["code"] = code, ["error_subcode"] = subcode },
        }.ToJsonString(), null);

        Assert.Equal(GraphErrorKind.RateLimited, error.Kind);
        Assert.Equal(new RateLimitKey(useCase, objectId), error.BlockedBy(GraphScope.Insights("act_1001")));
    }

    [Fact]
    public void A_block_on_one_ad_account_insights_leaves_its_other_use_cases_and_other_accounts_free()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new GraphThrottle(clock);

        throttle.Block(new RateLimitKey("ads_insights", "1001"), TimeSpan.FromMinutes(30));

        Assert.Equal(TimeSpan.FromMinutes(30), throttle.WaitFor(GraphScope.Insights("act_1001"), TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(GraphScope.Insights("act_1002"), TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(GraphScope.AdObjects("act_1001"), TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor(GraphScope.Leads("1234567890"), TimeSpan.FromSeconds(2)));
        throttle.Block(RateLimitKey.App, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.WaitFor(GraphScope.Leads("1234567890"), TimeSpan.FromSeconds(2)));
        clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Empty(throttle.ActiveBlocks());
    }

    [Fact]
    public void The_signature_is_checked_over_the_raw_bytes_and_appsecret_proof_is_hex_HMAC_of_the_token()
    {
        var body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");
        var header = MetaSignature.Sign("secret", body);

        Assert.True(MetaSignature.IsValid("secret", header, body));
        Assert.True(MetaSignature.IsValid("secret", header.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), body));
        Assert.False(MetaSignature.IsValid("other", header, body));
        Assert.False(MetaSignature.IsValid("", header, body));
        Assert.False(MetaSignature.IsValid("secret", "sha1=" + header[7..], body));
        Assert.False(MetaSignature.IsValid("secret", header, Encoding.UTF8.GetBytes("""{"object": "page","entry":[]}""")));
        // HMAC-SHA256("token", key "secret"), computed independently with: printf token | openssl dgst -sha256 -hmac secret
        Assert.Equal("e941110e3d2bfe82621f0e3e1434730d7305d106c5f68c87165d0b27a4611a4a", MetaSignature.AppSecretProof("secret", "token"));
    }
}
