using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>A <c>crm.lead</c> field a form answer may be written to, as <c>fields_get</c> describes it.</summary>
public sealed record OdooLeadField(string Name, string Label, string Type, IReadOnlyList<OdooChoice> Selection)
{
    public bool IsCustom => Name.StartsWith("x_", StringComparison.Ordinal);
}

/// <summary>A selection field's choice: the stored key and what Odoo shows.</summary>
public sealed record OdooChoice(string Key, string Label);

/// <summary>
/// The <c>crm.lead</c> fields of the connected Odoo that take a form answer: stored, writable, of a type a text answer
/// converts to (text, a date, a number, a choice), Studio's <c>x_</c> fields included; the fields the hub fills itself
/// (name, description, partner, UTM, tags, team, salesperson) left out. Read with <c>fields_get</c>
/// (https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html#odoo.models.Model.fields_get).
/// </summary>
public static class OdooLeadFields
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "char", "text", "html", "date", "datetime", "integer", "float", "monetary", "selection",
    };

    private static readonly HashSet<string> FilledByTheHub = new(StringComparer.Ordinal)
    {
        "name", "description", "partner_id", "source_id", "medium_id", "campaign_id", "tag_ids", "team_id", "user_id",
        "type", "stage_id", "company_id", "lang_id", "email_normalized", "phone_sanitized", "display_name",
    };

    public static async Task<IReadOnlyList<OdooLeadField>> ReadAsync(OdooClient odoo, CancellationToken cancellationToken)
    {
        var fields = await odoo.ExecuteAsync(new OdooCall("crm.lead", "fields_get")
        {
            Keywords = [new("attributes", new JsonArray("string", "type", "readonly", "store", "selection"))],
        }, cancellationToken);
        return Parse(fields);
    }

    public static IReadOnlyList<OdooLeadField> Parse(JsonElement fields)
    {
        if (fields.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var found = new List<OdooLeadField>();
        foreach (var field in fields.EnumerateObject())
        {
            var f = field.Value;
            var type = Text(f, "type") ?? "";
            var stored = !f.TryGetProperty("store", out var store) || store.ValueKind != JsonValueKind.False;
            var readOnly = f.TryGetProperty("readonly", out var ro) && ro.ValueKind == JsonValueKind.True;
            if (!Types.Contains(type) || !stored || readOnly || FilledByTheHub.Contains(field.Name) || field.Name.StartsWith("__", StringComparison.Ordinal))
            {
                continue;
            }

            var selection = f.TryGetProperty("selection", out var s) && s.ValueKind == JsonValueKind.Array
                ? [.. s.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Array && c.GetArrayLength() == 2)
                    .Select(c => new OdooChoice(c[0].ToString(), c[1].ValueKind == JsonValueKind.String ? c[1].GetString()! : c[1].ToString()))]
                : new List<OdooChoice>();
            found.Add(new OdooLeadField(field.Name, Text(f, "string") ?? field.Name, type, selection));
        }

        return [.. found.OrderBy(f => f.IsCustom).ThenBy(f => f.Label, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
