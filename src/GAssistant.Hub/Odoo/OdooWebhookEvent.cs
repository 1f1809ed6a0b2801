using System.Text.Json;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The envelope the <c>g_assistant_connector</c> addon sends (CONTRACT.md):
/// <c>{"event": "lead_updated", "timestamp": "2024-01-08T10:30:00", "data": {"id": 123, …}}</c>.
/// </summary>
public sealed record OdooWebhookEvent(string Event, DateTime Timestamp, long RecordId)
{
    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "lead_created", "lead_updated", "lead_deleted", "sale_order_created", "sale_order_updated", "sale_order_deleted",
    };

    /// <summary>Checks the shape; on failure <paramref name="errors"/> says what is wrong, per field.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, DateTime receivedAt, out OdooWebhookEvent? parsed, out Dictionary<string, string[]> errors)
    {
        parsed = null;
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.IsEmpty)
        {
            errors["body"] = ["The body is empty; expected a JSON event."];
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            return TryRead(document.RootElement, receivedAt, out parsed, errors);
        }
        catch (JsonException ex)
        {
            errors["body"] = [$"The body is not valid JSON: {ex.Message}"];
            return false;
        }
    }

    private static bool TryRead(JsonElement root, DateTime receivedAt, out OdooWebhookEvent? parsed, Dictionary<string, string[]> errors)
    {
        parsed = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Expected a JSON object with event, timestamp and data."];
            return false;
        }

        string? name = null;
        if (!root.TryGetProperty("event", out var eventElement) || eventElement.ValueKind != JsonValueKind.String)
        {
            errors["event"] = ["Required: one of " + string.Join(", ", Events) + "."];
        }
        else if (!Events.Contains(name = eventElement.GetString()!))
        {
            errors["event"] = [$"Unknown event '{name}'; expected one of " + string.Join(", ", Events) + "."];
        }

        var timestamp = receivedAt;
        if (root.TryGetProperty("timestamp", out var timestampElement) && timestampElement.ValueKind != JsonValueKind.Null
            && !(timestampElement.ValueKind == JsonValueKind.String && OdooTime.TryParse(timestampElement.GetString(), out timestamp)))
        {
            errors["timestamp"] = ["Expected an ISO 8601 date and time, e.g. 2024-01-08T10:30:00 (UTC when no zone is given)."];
        }

        long id = 0;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors["data"] = ["Required: an object with the record's fields."];
        }
        else if (!data.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
            || !idElement.TryGetInt64(out id) || id <= 0)
        {
            errors["data.id"] = ["Required: the record's Odoo id, a positive integer."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        parsed = new OdooWebhookEvent(name!, timestamp, id);
        return true;
    }
}
