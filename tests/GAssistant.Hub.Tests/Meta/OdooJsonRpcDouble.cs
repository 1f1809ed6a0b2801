using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Tests.Odoo;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// An Odoo at <c>http://odoo.test</c> speaking the external JSON-RPC API
/// (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html): <c>POST /jsonrpc</c> with
/// <c>common.version</c>, <c>common.authenticate</c> and <c>object.execute_kw</c> (<c>search</c>, <c>search_read</c>, <c>create</c>) on in-memory
/// models, domains of <c>=</c>, <c>ilike</c> and <c>in</c> conditions. Errors use Odoo's JSON-RPC error shape.
/// Its records outlive any hub, as a real Odoo does.
/// </summary>
public sealed class OdooJsonRpcDouble
{
    public const string Host = "odoo.test";
    public const string Url = "http://odoo.test";
    public const string Database = "crm";
    public const string Username = "hub@example.com";
    public const string ApiKey = "odoo-api-key-for-tests";

    private readonly Lock _gate = new();
    private int _nextId = 100;

    public Dictionary<string, List<JsonObject>> Models { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>While true every call fails like an unreachable server (502 from the proxy).</summary>
    public bool Down { get; set; }

    public static Dictionary<string, string?> Settings => new()
    {
        ["Odoo:Url"] = Url, ["Odoo:Database"] = Database, ["Odoo:Username"] = Username, ["Odoo:ApiKey"] = ApiKey,
    };

    public List<JsonObject> Records(string model)
    {
        lock (_gate)
        {
            return Models.TryGetValue(model, out var rows) ? rows.Select(r => (JsonObject)r.DeepClone()).ToList() : [];
        }
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        if (Down)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("Bad Gateway") };
        }

        if (request.Method == HttpMethod.Get)
        {
            return FakeOdoo.WebVersionNotFound(); // Odoo 17 has no /web/version
        }

        var call = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject();
        var parameters = call["params"]!.AsObject();
        var args = parameters["args"]!.AsArray();
        JsonNode? result;
        try
        {
            result = (parameters["service"]!.GetValue<string>(), parameters["method"]!.GetValue<string>()) switch
            {
                ("common", "version") => new JsonObject
                {
                    ["server_version"] = "17.0", ["server_version_info"] = new JsonArray(17, 0, 0, "final", 0, ""), ["server_serie"] = "17.0", ["protocol_version"] = 1,
                },
                ("common", "login" or "authenticate") => args[0]!.GetValue<string>() == Database && args[2]!.GetValue<string>() == ApiKey ? 2 : false,
                ("object", "execute_kw") => Execute(args),
                var other => throw new InvalidOperationException($"Unknown service {other}"),
            };
        }
        catch (InvalidOperationException ex)
        {
            return Answer(new JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = call["id"]?.DeepClone(),
                ["error"] = new JsonObject
                {
                    ["code"] = 200, ["message"] = "Odoo Server Error",
                    ["data"] = new JsonObject { ["name"] = "odoo.exceptions.ValidationError", ["message"] = ex.Message },
                },
            });
        }

        return Answer(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = call["id"]?.DeepClone(), ["result"] = result });
    }

    private JsonNode? Execute(JsonArray args)
    {
        if (args[0]!.GetValue<string>() != Database || args[1]!.GetValue<long>() != 2 || args[2]!.GetValue<string>() != ApiKey)
        {
            throw new InvalidOperationException("Access denied");
        }

        var model = args[3]!.GetValue<string>();
        var method = args[4]!.GetValue<string>();
        var positional = args[5]!.AsArray();
        var kwargs = args.Count > 6 ? args[6]!.AsObject() : new JsonObject();
        Calls.Enqueue($"{model}.{method}");
        lock (_gate)
        {
            var rows = Models.TryGetValue(model, out var existing) ? existing : Models[model] = [];
            switch (method)
            {
                case "create" when positional[0] is JsonArray list:
                    // create(vals_list) answers the list of new ids.
                    return new JsonArray(list.Select(v => (JsonNode)Create(rows, v!.AsObject())).ToArray());
                case "create":
                    return Create(rows, positional[0]!.AsObject());
                case "write":
                    foreach (var row in rows.Where(r => positional[0]!.AsArray().Any(id => id!.GetValue<int>() == r["id"]!.GetValue<int>())))
                    {
                        Write(row, positional[1]!.AsObject());
                    }

                    return true;
                case "search":
                    return new JsonArray(Filter(rows, positional[0]!.AsArray(), kwargs).Select(r => (JsonNode)r["id"]!.GetValue<int>()).ToArray());
                case "search_read":
                    var fields = kwargs["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList();
                    return new JsonArray(Filter(rows, positional[0]!.AsArray(), kwargs).Select(r =>
                    {
                        var row = new JsonObject { ["id"] = r["id"]!.GetValue<int>() };
                        foreach (var field in fields ?? r.Select(p => p.Key).ToList())
                        {
                            row[field] = r[field]?.DeepClone() ?? false;
                        }

                        return (JsonNode)row;
                    }).ToArray());
                default:
                    throw new InvalidOperationException($"Method {method} is not supported by the double.");
            }
        }
    }

    /// <summary>
    /// Applies values as Odoo's ORM does; x2many fields take commands
    /// (https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#odoo.fields.Command): [4, id] links,
    /// [3, id] unlinks, [6, 0, ids] replaces. The record keeps the resulting ids.
    /// </summary>
    private static void Write(JsonObject row, JsonObject values)
    {
        foreach (var (field, value) in values)
        {
            if (field.EndsWith("_ids", StringComparison.Ordinal) && value is JsonArray commands)
            {
                var ids = (row[field] as JsonArray)?.Select(i => i!.GetValue<int>()).ToList() ?? [];
                foreach (var command in commands.Select(c => c!.AsArray()))
                {
                    switch (command[0]!.GetValue<int>())
                    {
                        case 4 when !ids.Contains(command[1]!.GetValue<int>()):
                            ids.Add(command[1]!.GetValue<int>());
                            break;
                        case 3:
                            ids.Remove(command[1]!.GetValue<int>());
                            break;
                        case 6:
                            ids = command[2]!.AsArray().Select(i => i!.GetValue<int>()).ToList();
                            break;
                    }
                }

                row[field] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray());
            }
            else
            {
                row[field] = value?.DeepClone();
            }
        }
    }

    private int Create(List<JsonObject> rows, JsonObject values)
    {
        var record = new JsonObject();
        Write(record, values);
        record["id"] = ++_nextId;
        rows.Add(record);
        return _nextId;
    }

    private static IEnumerable<JsonObject> Filter(List<JsonObject> rows, JsonArray domain, JsonObject kwargs)
    {
        var matched = rows.Where(r => domain.All(condition => Matches(r, condition!.AsArray())));
        return kwargs["limit"] is { } limit ? matched.Take(limit.GetValue<int>()) : matched;
    }

    private static bool Matches(JsonObject row, JsonArray condition)
    {
        var field = condition[0]!.GetValue<string>();
        var op = condition[1]!.GetValue<string>();
        var expected = condition[2];
        var actual = row[field] ?? (field == "active" ? JsonValue.Create(true) : null);
        return op switch
        {
            "=" => JsonNode.DeepEquals(actual, expected),
            "ilike" => actual?.GetValueKind() == JsonValueKind.String
                && actual.GetValue<string>().Contains(expected!.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            "in" => expected!.AsArray().Any(e => JsonNode.DeepEquals(e, actual)),
            _ => throw new InvalidOperationException($"Operator {op} is not supported by the double."),
        };
    }

    private static HttpResponseMessage Answer(JsonObject body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
