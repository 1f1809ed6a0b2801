using System.Globalization;
using System.Text.Json;
using GAssistant.Hub.Operations;

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
    /// <summary>
    /// The one reading of a notification, by the endpoint before its 200 and by the inbox handler after:
    /// strict JSON with storable text (<see cref="StrictJson"/>), and each leadgen change's <c>leadgen_id</c>
    /// a Graph id (digits), since it becomes the lead's key and a Graph path.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out List<LeadgenChange> leads, out Dictionary<string, string[]> errors)
    {
        leads = [];
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var document = StrictJson.Parse(body, errors);
        if (document is null)
        {
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            errors["entry"] = ["Expected {\"object\": \"page\", \"entry\": [...]}."];
            return false;
        }

        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            ReadEntry(entry, $"entry[{index++}]", leads, errors);
        }

        return errors.Count == 0;
    }

    private static void ReadEntry(JsonElement entry, string path, List<LeadgenChange> leads, Dictionary<string, string[]> errors)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var entryPage = GraphId(entry, "id");
        var index = -1;
        foreach (var change in changes.EnumerateArray())
        {
            index++;
            if (change.ValueKind != JsonValueKind.Object
                || !change.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String || field.GetString() != "leadgen"
                || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                || Id(value, "leadgen_id") is not { } leadgenId)
            {
                continue;
            }

            if (!IsGraphId(leadgenId))
            {
                errors[$"{path}.changes[{index}].value.leadgen_id"] = ["Expected a Meta lead id (digits)."];
                continue;
            }

            leads.Add(new LeadgenChange(leadgenId, GraphId(value, "page_id") ?? entryPage, GraphId(value, "form_id"),
                GraphId(value, "ad_id"), GraphId(value, "adgroup_id"), UnixTime(value, "created_time")));
        }
    }

    /// <summary>The other ids only label the lead; one longer than any Graph id is left out rather than stored.</summary>
    private static string? GraphId(JsonElement element, string property) => Id(element, property) is { Length: <= 64 } id ? id : null;

    /// <summary>Graph object ids are digits; a lead id is also the lead's key and a Graph path.</summary>
    private static bool IsGraphId(string id) => id.Length <= 64 && id.All(char.IsAsciiDigit);

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

    /// <summary>Unix seconds; a value no date can hold is left out (the lead's own created_time is read from Graph).</summary>
    private static DateTime? UnixTime(JsonElement element, string property) =>
        Id(element, property) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
}
