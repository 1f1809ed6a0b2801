using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta.Setup;

/// <summary>Reads Graph answers that send numbers as strings or as numbers, depending on the field and the version. Pure.</summary>
internal static class SetupJson
{
    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Long(JsonElement element, string property) =>
        long.TryParse(String(element, property), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
