using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Reads Odoo values as they arrive from the addon or from <c>search_read</c>: empty values are
/// <c>false</c> (or null), many2one values are <c>[id, "name"]</c> (or just the name, from the
/// addon), numbers may be integers or floats, datetimes are naive UTC strings. Pure.
/// </summary>
public static class OdooJson
{
    public static string? Text(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) ? AsText(value) : null;

    /// <summary>A many2one's display name (<c>[7, "Won"]</c> → "Won"), or a plain string.</summary>
    public static string? Name(JsonElement record, string field)
    {
        if (!record.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() >= 2 ? AsText(value[1]) : AsText(value);
    }

    /// <summary>A many2one's id (<c>[7, "Won"]</c> → 7), or a plain number.</summary>
    public static long? Id(JsonElement record, string field)
    {
        if (!record.TryGetProperty(field, out var value))
        {
            return null;
        }

        var idElement = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() >= 1 ? value[0] : value;
        return idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out var id) ? id : null;
    }

    /// <summary>An amount as a number or a numeric string; anything else (<c>false</c>, absent) is 0.</summary>
    public static decimal Money(JsonElement record, string field) => TryMoney(record, field, out var amount) ? amount : 0m;

    /// <summary>False only when a number is there but no decimal can hold it (<c>1e400</c>); absent or empty values read as 0.</summary>
    public static bool TryMoney(JsonElement record, string field, out decimal amount)
    {
        amount = 0m;
        if (!record.TryGetProperty(field, out var value))
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDecimal(out amount);
        }

        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            amount = parsed;
        }

        return true;
    }

    public static double Number(JsonElement record, string field) => (double)Money(record, field);

    public static bool? Bool(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static DateTime? Time(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && OdooTime.TryParse(value.GetString(), out var time) ? time : null;

    private static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
