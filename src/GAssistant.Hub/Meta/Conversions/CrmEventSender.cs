using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;
using GAssistant.Hub.Outbox;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Sends queued <see cref="CrmStageEvent"/>s to <c>POST /{pixel_id}/events</c> (Conversions API for CRM), up to 1,000 in one
/// request as Meta allows (https://developers.facebook.com/documentation/ads-commerce/conversions-api/using-the-api). Meta
/// rejects a whole batch for one bad event, so a batch refused as bad data is sent again one event at a time: the bad one
/// fails alone and the others go. With <see cref="MetaOptions.TestEventCode"/> set, events carry <c>test_event_code</c> and
/// show in Events Manager's Test Events. A call is made once; on a transient Graph error or a rate limit the outbox retries
/// it later, and a repeat carries the same <c>event_id</c>. An event older than 7 days is not sent (Meta refuses them): its
/// row is marked failed with that reason.
/// </summary>
public sealed partial class CrmEventSender(IServiceScopeFactory scopes, IOptionsMonitor<MetaOptions> meta, TimeProvider clock, ILogger<CrmEventSender> logger)
    : IOutboxBatchHandler
{
    public string Kind => CrmStageEvent.Kind;

    /// <summary>Meta's limit of events per request.</summary>
    public int MaxBatch => 1000;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if ((await SendBatchAsync([message], cancellationToken))[0] is { } failure)
        {
            throw failure;
        }
    }

    public async Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[messages.Count];
        var pixel = meta.CurrentValue.PixelId;
        var ready = new List<(int Index, CrmStageEvent Event)>();
        for (var i = 0; i < messages.Count; i++)
        {
            var stageEvent = JsonSerializer.Deserialize<CrmStageEvent>(messages[i].Payload);
            outcomes[i] = stageEvent is null ? new PermanentOutboxException("Empty CRM event.")
                : string.IsNullOrWhiteSpace(pixel) ? new PermanentOutboxException("Not sent: Meta:PixelId is no longer set.")
                : TooOld(stageEvent);
            if (outcomes[i] is null)
            {
                ready.Add((i, stageEvent!));
            }
        }

        if (ready.Count == 0)
        {
            return outcomes;
        }

        using var scope = scopes.CreateScope();
        var graph = scope.ServiceProvider.GetRequiredService<GraphClient>();
        var failure = await PostAsync(graph, pixel!, ready.Select(r => r.Event).ToList(), cancellationToken);
        if (failure is PermanentOutboxException && ready.Count > 1)
        {
            Log.BatchRefused(logger, ready.Count);
            foreach (var (index, stageEvent) in ready)
            {
                outcomes[index] = await PostAsync(graph, pixel!, [stageEvent], cancellationToken);
            }
        }
        else
        {
            foreach (var (index, _) in ready)
            {
                outcomes[index] = failure;
            }
        }

        return outcomes;
    }

    /// <returns>Null when Meta received every event; else the failure, as the outbox should treat it.</returns>
    private async Task<Exception?> PostAsync(GraphClient graph, string pixel, List<CrmStageEvent> events, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["data"] = new JsonArray(events.Select(e => (JsonNode)e.ToGraphEvent()).ToArray()).ToJsonString() };
        if (meta.CurrentValue.TestEventCode is { Length: > 0 } code)
        {
            form["test_event_code"] = code;
        }

        JsonElement answer;
        try
        {
            answer = await graph.PostOnceAsync($"{pixel}/events", form, GraphScope.Conversions(pixel).Queued(), cancellationToken);
        }
        catch (GraphApiException ex) when (ex.Kind != GraphErrorKind.Transient)
        {
            return MetaOutboxFailure.From(ex, MetaFeature.Conversions, meta.CurrentValue.ApiVersion, "Meta refused the event");
        }
        catch (Exception ex) when (ex is GraphApiException or MetaNeedsReconnectingException)
        {
            return ex;
        }

        // {"events_received": n, "messages": [], "fbtrace_id"}.
        if (!answer.TryGetProperty("events_received", out var received) || received.ValueKind != JsonValueKind.Number || received.GetInt32() != events.Count)
        {
            return new InvalidOperationException($"Meta did not confirm the events: {answer.GetRawText()}");
        }

        foreach (var sent in events)
        {
            Log.Sent(logger, sent.OdooLeadId, sent.Stage, sent.LeadgenId is not null);
        }

        return null;
    }

    private PermanentOutboxException? TooOld(CrmStageEvent stageEvent)
    {
        var age = clock.GetUtcNow().UtcDateTime - stageEvent.ChangedAt;
        if (age <= CrmStageEvent.MaxAge)
        {
            return null;
        }

        Log.TooOld(logger, stageEvent.OdooLeadId, stageEvent.Stage, age.TotalDays);
        return new PermanentOutboxException(string.Create(CultureInfo.InvariantCulture,
            $"Not sent: the stage change is {age.TotalDays:0.#} days old and Meta accepts CRM events up to 7 days old."));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2811, Level = LogLevel.Information, Message = "Sent stage {Stage} of Odoo lead {LeadId} to Meta (by lead id: {ByLeadId})")]
        public static partial void Sent(ILogger logger, long leadId, string stage, bool byLeadId);

        [LoggerMessage(EventId = 2812, Level = LogLevel.Information, Message = "Stage {Stage} of Odoo lead {LeadId} not sent: {Days:0.#} days old, past Meta's 7 days")]
        public static partial void TooOld(ILogger logger, long leadId, string stage, double days);

        [LoggerMessage(EventId = 2814, Level = LogLevel.Warning, Message = "Meta refused a batch of {Count} CRM events as bad data; sending them one by one")]
        public static partial void BatchRefused(ILogger logger, int count);
    }
}
