using System.Net.Http.Headers;
using System.Text;
using StandardWebhooks;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// Sends events to <c>POST /api/webhook/odoo</c> signed exactly as the addon signs them
/// (Standard Webhooks; signatures made by the StandardWebhooks reference package, not the hub's code).
/// </summary>
public sealed class OdooWebhookSender(HttpClient client, TimeProvider clock, string secret = TestSecrets.OdooWebhookSecret)
{
    public Task<HttpResponseMessage> SendAsync(string body, string? webhookId = null, DateTimeOffset? at = null) =>
        client.SendAsync(SignedRequest(body, webhookId ?? $"msg_{Guid.NewGuid():N}", at ?? clock.GetUtcNow(), secret));

    public static HttpRequestMessage SignedRequest(string body, string webhookId, DateTimeOffset at, string secret)
    {
        var signature = new StandardWebhook(secret).Sign(webhookId, at, body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook/odoo")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return request;
    }

    /// <summary>The example of CONTRACT.md, with another id, stage or time when asked.</summary>
    public static string LeadEvent(long id = 123, string @event = "lead_updated", string stage = "مؤهل", string timestamp = "2024-01-08T10:30:00",
        string? writeDate = null, decimal revenue = 50000, int probability = 75, long? stageId = null)
    {
        var extra = (writeDate is null ? "" : $", \"write_date\": \"{writeDate}\"") + (stageId is null ? "" : $", \"stage_id\": {stageId}");
        return $$"""
            {"event": "{{@event}}", "timestamp": "{{timestamp}}",
             "data": {"id": {{id}}, "name": "استفسار عن الخدمات", "partner_name": "أحمد علي",
                      "email_from": "ahmed@example.com", "stage_name": "{{stage}}",
                      "expected_revenue": {{revenue}}, "probability": {{probability}}, "source_id": "Meta"{{extra}} }
            }
            """;
    }
}
