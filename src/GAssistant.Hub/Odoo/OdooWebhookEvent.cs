using System.Text.Json;
using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The envelope the <c>g_assistant_connector</c> addon sends (CONTRACT.md):
/// <c>{"event": "lead_updated", "timestamp": "2024-01-08T10:30:00", "data": {"id": 123, …}}</c>.
/// This is the one definition of "a valid Odoo event": the endpoint answers 2xx only for a body it accepts,
/// and the inbox handler applies the stored body through it again, so an acknowledged event always applies.
/// </summary>
public sealed record OdooWebhookEvent(string Event, DateTime Timestamp, long RecordId, JsonElement Data)
{
    /// <summary>How far ahead of the hub's clock an Odoo time may be (the Standard Webhooks tolerance).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Amounts above this do not fit the replica's money columns (PostgreSQL numeric(18,2)).</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "lead_created", "lead_updated", "lead_deleted", "sale_order_created", "sale_order_updated", "sale_order_deleted",
    };

    private static readonly string[] Amounts = ["expected_revenue", "amount_untaxed", "amount_tax", "amount_total"];

    /// <summary>
    /// Checks the whole event as received at <paramref name="receivedAt"/>; on failure <paramref name="errors"/>
    /// says what is wrong, per field. <paramref name="parsed"/> holds a copy of <c>data</c>, independent of the body.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, DateTime receivedAt, out OdooWebhookEvent? parsed, out Dictionary<string, string[]> errors)
    {
        parsed = null;
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var document = StrictJson.Parse(body, errors);
        return document is not null && TryRead(document.RootElement, receivedAt, out parsed, errors);
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
            errors["event"] = ["Unknown event; expected one of " + string.Join(", ", Events) + "."];
        }

        var timestamp = receivedAt;
        if (root.TryGetProperty("timestamp", out var timestampElement) && timestampElement.ValueKind != JsonValueKind.Null
            && !(timestampElement.ValueKind == JsonValueKind.String && OdooTime.TryParse(timestampElement.GetString(), out timestamp)))
        {
            errors["timestamp"] = ["Expected an ISO 8601 date and time, e.g. 2024-01-08T10:30:00 (UTC when no zone is given)."];
        }
        else
        {
            CheckNotAhead(timestamp, receivedAt, "timestamp", errors);
        }

        long id = 0;
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors["data"] = ["Required: an object with the record's fields."];
        }
        else
        {
            if (!data.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                || !idElement.TryGetInt64(out id) || id <= 0)
            {
                errors["data.id"] = ["Required: the record's Odoo id, a positive integer."];
            }

            CheckFields(data, receivedAt, errors);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        parsed = new OdooWebhookEvent(name!, timestamp, id, data.Clone());
        return true;
    }

    /// <summary>The fields the mapper reads whose value could not be stored: amounts, the probability, the version.</summary>
    private static void CheckFields(JsonElement data, DateTime receivedAt, Dictionary<string, string[]> errors)
    {
        foreach (var field in Amounts)
        {
            if (!OdooJson.TryMoney(data, field, out var amount) || Math.Abs(amount) >= MaxAmount)
            {
                errors[$"data.{field}"] = [$"Expected an amount below {MaxAmount:0} in absolute value."];
            }
        }

        if (!OdooJson.TryMoney(data, "probability", out var probability) || probability is < 0 or > 100)
        {
            errors["data.probability"] = ["Expected a probability from 0 to 100."];
        }

        if (OdooJson.Time(data, "write_date") is { } writeDate)
        {
            CheckNotAhead(writeDate, receivedAt, "data.write_date", errors);
        }
    }

    /// <summary>Newest state wins, so a time far ahead would freeze the record: refuse it.</summary>
    private static void CheckNotAhead(DateTime time, DateTime receivedAt, string field, Dictionary<string, string[]> errors)
    {
        if (time > receivedAt + ClockSkew)
        {
            errors[field] = [$"The time is more than {ClockSkew.TotalMinutes:0} minutes ahead of the hub's clock; check the sender's clock."];
        }
    }
}
