using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Raw JSON-RPC request/response pairs recorded from a real Odoo 17 by Odoo/Fixtures/record.py
/// (see Odoo/Fixtures/README.md). Each file: {"name", "path", "request", "http_status", "response"}.
/// </summary>
public static class OdooFixtures
{
    public const string Url = "http://odoo.test";
    public const string Host = "odoo.test";
    public const string Database = "odoo17";
    public const string Login = "admin";
    public const string Password = "admin";

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Odoo", "Fixtures", "17");

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")))!.AsObject();

    public static IReadOnlyList<JsonObject> All() =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())];

    /// <summary>The <c>result</c> of a recorded answer.</summary>
    public static JsonNode Result(string name) => Load(name)["response"]!["result"]!;

    /// <summary>The <c>error</c> of a recorded answer.</summary>
    public static JsonObject Error(string name) => Load(name)["response"]!["error"]!.AsObject();
}
