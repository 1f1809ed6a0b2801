using System.Text.Json;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The server's version, from <c>GET /web/version</c> (<c>version</c>, <c>version_info</c>; Odoo 19 on) or,
/// before 19, JSON-RPC <c>common.version</c> (<c>server_version</c>, <c>server_version_info</c>).
/// </summary>
public sealed record OdooServerVersion(string Text, int Major)
{
    /// <summary>JSON-2 (<c>/json/2/&lt;model&gt;/&lt;method&gt;</c>, bearer API key) exists from Odoo 19.</summary>
    public bool HasJson2 => Major >= 19;

    public static OdooServerVersion FromCommonVersion(JsonElement result) =>
        Read(result, "server_version", "server_version_info");

    public static OdooServerVersion FromWebVersion(JsonElement result) =>
        Read(result, "version", "version_info");

    private static OdooServerVersion Read(JsonElement result, string textField, string infoField)
    {
        var text = result.TryGetProperty(textField, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        var major = result.TryGetProperty(infoField, out var info) && info.ValueKind == JsonValueKind.Array
            && info.GetArrayLength() > 0 && info[0].ValueKind == JsonValueKind.Number ? info[0].GetInt32()
            : ParseMajor(text);
        return new OdooServerVersion(text, major);
    }

    // "saas~17.4" (Odoo Online) or "17.0+e" (Enterprise): the first number is the major version.
    private static int ParseMajor(string text)
    {
        var digits = new string(text.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var major) ? major : 0;
    }
}
