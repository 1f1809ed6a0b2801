using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>One <c>leadgen</c> change: ids only; the lead itself is read from the Graph API.</summary>
public sealed record LeadgenChange(string LeadgenId, string? PageId, string? FormId, string? AdId, string? AdgroupId, DateTime? CreatedTime);

/// <summary>
/// Reads a Page webhook notification (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-leadgen):
/// <c>{"object": "page", "entry": [{"id", "time", "changes": [{"field": "leadgen", "value": {"leadgen_id", "page_id",
/// "form_id", "ad_id", "adgroup_id", "created_time"}}]}]}</c>. Deliveries are batched (many entries, many changes),
/// ids come as numbers or strings, and <c>ad_id</c>/<c>adgroup_id</c> are absent for test and organic leads. Pure.
/// </summary>
public static class MetaNotification
{
    public static bool TryParse(ReadOnlySpan<byte> body, out List<LeadgenChange> leads, out string error)
    {
        leads = [];
        error = "";
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                error = "Expected {\"object\": \"page\", \"entry\": [...]}.";
                return false;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                ReadEntry(entry, leads);
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }
    }

    private static void ReadEntry(JsonElement entry, List<LeadgenChange> leads)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var entryPage = Id(entry, "id");
        foreach (var change in changes.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.Object
                || !change.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String || field.GetString() != "leadgen"
                || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                || Id(value, "leadgen_id") is not { } leadgenId)
            {
                continue;
            }

            leads.Add(new LeadgenChange(leadgenId, Id(value, "page_id") ?? entryPage, Id(value, "form_id"),
                Id(value, "ad_id"), Id(value, "adgroup_id"), UnixTime(value, "created_time")));
        }
    }

    /// <summary>An id as text whether Meta sent it as a number or a string.</summary>
    public static string? Id(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static DateTime? UnixTime(JsonElement element, string property) =>
        Id(element, property) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
}
