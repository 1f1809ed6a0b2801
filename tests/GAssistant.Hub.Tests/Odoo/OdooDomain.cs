using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Evaluates an Odoo domain (Polish notation: <c>'&amp;'</c>, <c>'|'</c>, <c>'!'</c> before their operands,
/// implicit AND between terms; https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#search-domains)
/// against a record, for <see cref="FakeOdoo"/>. Datetimes compare as Odoo's "YYYY-MM-DD HH:MM:SS" strings.
/// </summary>
public static class OdooDomain
{
    public static bool Matches(JsonArray domain, JsonObject record)
    {
        var position = 0;
        var result = true;
        while (position < domain.Count)
        {
            result &= Evaluate(domain, ref position, record);
        }

        return result;
    }

    private static bool Evaluate(JsonArray domain, ref int position, JsonObject record)
    {
        var term = domain[position++]!;
        if (term.GetValueKind() == JsonValueKind.String)
        {
            var op = term.GetValue<string>();
            return op switch
            {
                "!" => !Evaluate(domain, ref position, record),
                "&" => Evaluate(domain, ref position, record) & Evaluate(domain, ref position, record),
                "|" => Evaluate(domain, ref position, record) | Evaluate(domain, ref position, record),
                _ => throw new NotSupportedException($"Domain operator {op}"),
            };
        }

        var leaf = term.AsArray();
        var value = record[leaf[0]!.GetValue<string>()];
        if (value is null && leaf[2]?.GetValueKind() is JsonValueKind.False or JsonValueKind.True)
        {
            value = JsonValue.Create(false); // an unset field reads as false in Odoo
        }
        if (value is JsonArray pair)
        {
            value = pair[0]; // many2one compares by id
        }

        return Compare(leaf[1]!.GetValue<string>(), value, leaf[2]);
    }

    private static bool Compare(string op, JsonNode? left, JsonNode? right) => op switch
    {
        "=" => Order(left, right) == 0,
        "!=" => Order(left, right) != 0,
        ">" => Order(left, right) > 0,
        ">=" => Order(left, right) >= 0,
        "<" => Order(left, right) < 0,
        "<=" => Order(left, right) <= 0,
        "in" => right!.AsArray().Any(r => Order(left, r) == 0),
        "not in" => !right!.AsArray().Any(r => Order(left, r) == 0),
        "ilike" => left?.GetValueKind() == JsonValueKind.String && left.GetValue<string>().Contains(right!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
        "=ilike" => left?.GetValueKind() == JsonValueKind.String && string.Equals(left.GetValue<string>(), right!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
        _ => throw new NotSupportedException($"Domain comparison {op}"),
    };

    public static int Order(JsonNode? left, JsonNode? right)
    {
        if (left?.GetValueKind() == JsonValueKind.Number && right?.GetValueKind() == JsonValueKind.Number)
        {
            // As text: a number set by a test (JsonValue of int) does not convert with GetValue<decimal>.
            return decimal.Parse(left.ToJsonString(), CultureInfo.InvariantCulture).CompareTo(decimal.Parse(right.ToJsonString(), CultureInfo.InvariantCulture));
        }

        return string.CompareOrdinal(left?.GetValueKind() == JsonValueKind.String ? left.GetValue<string>() : left?.ToJsonString(),
            right?.GetValueKind() == JsonValueKind.String ? right.GetValue<string>() : right?.ToJsonString());
    }
}
