using System.Text.Json.Nodes;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Exchanges recorded from real Odoo 17 and 18 (JSON-RPC) and 19 (JSON-2) by Odoo/Fixtures/record.py,
/// one folder per series (see Odoo/Fixtures/README.md). Each file:
/// {"name", "method", "path", "headers", "request", "http_status", "content_type", "response"}
/// (the oldest 17 files have only name, path, request, http_status and response: POSTs of JSON).
/// </summary>
public static class OdooFixtures
{
    public const string Url = "http://odoo.test";
    public const string Host = "odoo.test";
    public const string Database = "odoo17";
    public const string Login = "admin";
    public const string Password = "admin";

    /// <summary>The Odoo 19 API key as record.py masks it in the recordings.</summary>
    public const string ApiKey = "masked-api-key-of-the-recording";

    /// <summary>The API key of Odoo 19's user without CRM rights, masked likewise.</summary>
    public const string LimitedUserApiKey = "masked-api-key-of-the-limited-user";

    /// <summary>Series whose recordings speak JSON-RPC, and the one that speaks JSON-2.</summary>
    public static readonly TheoryData<string> JsonRpcSeries = ["17", "18"];

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Odoo", "Fixtures");

    public static string DatabaseOf(string series) => $"odoo{series}";

    /// <summary>The hub's Odoo options for the recorded server, for tests that build the client directly.</summary>
    public static OdooOptions Options(string database = Database, string key = Password) => new()
    {
        Url = Url,
        Database = database,
        Username = Login,
        ApiKey = key,
    };

    public static JsonObject Load(string name, string series = "17") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, series, name + ".json")))!.AsObject();

    public static IReadOnlyList<JsonObject> All(string series = "17") =>
        [.. Directory.GetFiles(Path.Combine(Root, series), "*.json").Order(StringComparer.Ordinal).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())];

    /// <summary>The method's answer: JSON-RPC's <c>result</c>, or JSON-2's whole body.</summary>
    public static JsonNode Result(string name, string series = "17") => Unwrap(Load(name, series)["response"]!, "result");

    /// <summary>The error: JSON-RPC's <c>error</c> (code, message, data), or JSON-2's whole body (name, message, …).</summary>
    public static JsonObject Error(string name, string series = "17") => Unwrap(Load(name, series)["response"]!, "error").AsObject();

    private static JsonNode Unwrap(JsonNode response, string member) =>
        response is JsonObject envelope && envelope.ContainsKey("jsonrpc") ? envelope[member]! : response;
}
