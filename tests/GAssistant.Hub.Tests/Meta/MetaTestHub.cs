using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Infrastructure;
using GAssistant.Hub.Tests.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>Meta settings for a test hub and a sender that signs notifications as Meta does.</summary>
public static class MetaTestHub
{
    public const string AppSecret = "meta-app-secret-for-tests";
    public const string VerifyToken = "meatyhamhock";
    public const string AccessToken = "EAAB-test-page-token";
    public const string PageId = "1234567890";

    public static Dictionary<string, string?> Settings()
    {
        var settings = FakeOdoo.Settings;
        settings["Meta:AppSecret"] = AppSecret;
        settings["Meta:VerifyToken"] = VerifyToken;
        settings["Meta:AccessToken"] = AccessToken;
        settings["Meta:GraphUrl"] = "https://" + GraphApiDouble.Host;
        settings["Meta:ApiVersion"] = GraphApiDouble.Version;
        settings["Meta:PageIds:0"] = PageId;
        settings["Meta:AdAccountIds:0"] = "act_1001";
        settings["Meta:RetryDelay"] = "00:00:00.010";
        settings["Meta:ReportPollInterval"] = "00:00:00.010";
        settings["Meta:RateLimitWait"] = "00:00:00.010";
        settings["Meta:ConfigurationCheckInterval"] = "00:00:00.200";
        // Background schedules far away: tests start syncs themselves.
        settings["Meta:LeadSyncInterval"] = "1.00:00:00";
        settings["Meta:CampaignSyncInterval"] = "1.00:00:00";
        settings["Meta:FirstSyncDelay"] = "1.00:00:00";
        return settings;
    }

    /// <summary>
    /// A Page leadgen notification as documented
    /// (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-leadgen):
    /// one entry per Page, one change per lead; ids as strings, or as numbers when asked.
    /// </summary>
    public static string Notification(IEnumerable<(string LeadgenId, string FormId, string? AdId)> leads, bool numericIds = false, long time = 1502121230)
    {
        JsonNode Id(string id) => numericIds ? JsonValue.Create(long.Parse(id)) : JsonValue.Create(id);
        var changes = new JsonArray(leads.Select(l =>
        {
            var value = new JsonObject
            {
                ["leadgen_id"] = Id(l.LeadgenId), ["page_id"] = Id(PageId), ["form_id"] = Id(l.FormId), ["created_time"] = time,
            };
            if (l.AdId is not null)
            {
                value["ad_id"] = Id(l.AdId);
                value["adgroup_id"] = Id(l.AdId);
            }

            return (JsonNode)new JsonObject { ["field"] = "leadgen", ["value"] = value };
        }).ToArray());
        return new JsonObject
        {
            ["object"] = "page",
            ["entry"] = new JsonArray(new JsonObject { ["id"] = Id(PageId), ["time"] = time, ["changes"] = changes }),
        }.ToJsonString();
    }

    /// <summary>POSTs <paramref name="body"/> with <c>X-Hub-Signature-256</c> computed here, independently of the hub.</summary>
    public static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string body, string? secret = AppSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook/meta")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(mac));
        }

        return client.SendAsync(request);
    }

    public static (GraphApiDouble Graph, FakeOdoo Odoo) RegisterDoubles(HubFactory hub, int pageSize = 2)
    {
        var graph = new GraphApiDouble(AppSecret, AccessToken, pageSize);
        var odoo = FakeOdoo.Empty();
        hub.Outbound.Register(GraphApiDouble.Host, graph.HandleAsync);
        hub.Outbound.Register(FakeOdoo.Host, odoo.HandleAsync);
        return (graph, odoo);
    }

    /// <summary>
    /// As if the hub died after Odoo did the work, before the links were stored and the outbox rows marked sent: once the
    /// outbox is idle (a handler still running would mark its row sent over the reset), the links go and every row is due
    /// again with no lease, as the restarted hub would find them.
    /// </summary>
    public static async Task ForgetAsAfterACrashAsync(HubFactory hub)
    {
        await Eventually.ReturnsAsync(() => hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m =>
            m.Status == OutboxStatus.Pending && m.NextAttemptAt <= DateTime.UtcNow || m.LockedUntil != null)), n => n == 0);
        await hub.WithDbAsync(async db =>
        {
            await db.MetaLeadLinks.ExecuteDeleteAsync();
            return await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1)).SetProperty(m => m.LockedUntil, (DateTime?)null));
        });
    }
}
