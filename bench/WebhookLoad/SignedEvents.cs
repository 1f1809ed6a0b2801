using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Bench.WebhookLoad;

/// <summary>
/// Odoo events signed as the addon signs them (Standard Webhooks), prepared before a phase so the
/// driver spends its CPU sending, not hashing.
/// </summary>
internal sealed class SignedEvents(string secret)
{
    private readonly byte[] _key = Convert.FromBase64String(secret["whsec_".Length..]);

    public (byte[] Body, string Id, string Timestamp, string Signature)[] Prepare(int count, int firstId)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Enumerable.Range(firstId, count).Select(i => Event(i, timestamp)).ToArray();
    }

    /// <summary>
    /// One event signed now, for a phase too long to prepare: the signature must stay within the hub's five-minute
    /// tolerance, and millions of prepared events would not fit the driver's memory.
    /// </summary>
    public HttpRequestMessage SignedNow(int id) => Request(Event(id, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private (byte[] Body, string Id, string Timestamp, string Signature) Event(int i, long unixSeconds)
    {
        var timestamp = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$"""
            {"event":"lead_updated","timestamp":"2026-11-24T10:30:00","data":{"id":{{i}},"name":"استفسار عن الخدمات","partner_name":"أحمد علي","email_from":"ahmed@example.com","stage_name":"مؤهل","expected_revenue":50000,"probability":75,"source_id":"Meta","write_date":"2026-11-24 10:30:00"} }
            """);
        var id = $"msg_bench_{i}";
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return (body, id, timestamp, "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, signed)));
    }

    public static HttpRequestMessage Request((byte[] Body, string Id, string Timestamp, string Signature) e)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook/odoo") { Content = new ByteArrayContent(e.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", e.Id);
        request.Headers.Add("webhook-timestamp", e.Timestamp);
        request.Headers.Add("webhook-signature", e.Signature);
        return request;
    }
}
