using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Sends a queued <see cref="CrmStageEvent"/> to <c>POST /{pixel_id}/events</c> (Conversions API for CRM), one event per
/// request: Meta rejects a whole batch for one bad event, so a bad event fails only itself. The call is made once; on a
/// transient Graph error (code 1, 2, a 5xx) or a rate limit the outbox retries it later, and a repeat carries the same
/// <c>event_id</c>. An event older than 7 days is not sent (Meta refuses them): its outbox row is marked failed with that reason.
/// </summary>
public sealed partial class CrmEventSender(IServiceScopeFactory scopes, IOptionsMonitor<MetaOptions> meta, TimeProvider clock, ILogger<CrmEventSender> logger)
    : IOutboxHandler
{
    public string Kind => CrmStageEvent.Kind;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var stageEvent = JsonSerializer.Deserialize<CrmStageEvent>(message.Payload) ?? throw new PermanentOutboxException("Empty CRM event.");
        var pixel = meta.CurrentValue.PixelId;
        if (string.IsNullOrWhiteSpace(pixel))
        {
            throw new PermanentOutboxException("Not sent: Meta:PixelId is no longer set.");
        }

        var age = clock.GetUtcNow().UtcDateTime - stageEvent.ChangedAt;
        if (age > CrmStageEvent.MaxAge)
        {
            Log.TooOld(logger, stageEvent.OdooLeadId, stageEvent.Stage, age.TotalDays);
            throw new PermanentOutboxException(string.Create(CultureInfo.InvariantCulture,
                $"Not sent: the stage change is {age.TotalDays:0.#} days old and Meta accepts CRM events up to 7 days old."));
        }

        using var scope = scopes.CreateScope();
        var graph = scope.ServiceProvider.GetRequiredService<GraphClient>();
        var form = new Dictionary<string, string> { ["data"] = new JsonArray(stageEvent.ToGraphEvent()).ToJsonString() };
        JsonElement answer;
        try
        {
            answer = await graph.PostOnceAsync($"{pixel}/events", form, GraphScope.Conversions(pixel).Queued(), cancellationToken);
        }
        catch (GraphApiException ex) when (ex.Kind != GraphErrorKind.Transient)
        {
            throw MetaOutboxFailure.From(ex, MetaFeature.Conversions, meta.CurrentValue.ApiVersion, "Meta refused the event");
        }

        // https://developers.facebook.com/docs/marketing-api/conversions-api/using-the-api: {"events_received": n, "messages": [], "fbtrace_id"}.
        if (!answer.TryGetProperty("events_received", out var received) || received.ValueKind != JsonValueKind.Number || received.GetInt32() != 1)
        {
            throw new InvalidOperationException($"Meta did not confirm the event: {answer.GetRawText()}");
        }

        Log.Sent(logger, stageEvent.OdooLeadId, stageEvent.Stage, stageEvent.LeadgenId is not null);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2811, Level = LogLevel.Information, Message = "Sent stage {Stage} of Odoo lead {LeadId} to Meta (by lead id: {ByLeadId})")]
        public static partial void Sent(ILogger logger, long leadId, string stage, bool byLeadId);

        [LoggerMessage(EventId = 2812, Level = LogLevel.Information, Message = "Stage {Stage} of Odoo lead {LeadId} not sent: {Days:0.#} days old, past Meta's 7 days")]
        public static partial void TooOld(ILogger logger, long leadId, string stage, double days);
    }
}
