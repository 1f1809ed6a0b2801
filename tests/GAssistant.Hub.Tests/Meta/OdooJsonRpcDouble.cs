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
/// <c>common.version</c>, <c>common.authenticate</c> and <c>object.execute_kw</c> (<c>search</c>, <c>search_read</c>, <c>search_count</c>,
/// <c>read</c>, <c>create</c>, <c>write</c>, <c>fields_get</c>, <c>message_post</c>) on in-memory models, domains as <see cref="OdooDomain"/> reads them
/// (with <c>ilike</c> and a many2one's field such as <c>stage_id.is_won</c>). As Odoo's <c>mail.thread.blacklist</c> and
/// <c>mail.thread.phone</c> do, a created or written record gets <c>email_normalized</c> and <c>phone_sanitized</c> (the phone as
/// stored, as on the real servers here, which lack the <c>phonenumbers</c> library), and <c>create_date</c>; <c>message_post</c>
/// adds a <c>mail.message</c>. Errors use Odoo's JSON-RPC error shape. Its records outlive any hub, as a real Odoo does.
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

    /// <summary>
    /// A call (<c>"crm.lead.create"</c>) before which the server goes <see cref="Down"/>, unexecuted: what a hub that crashed
    /// just before it leaves behind (every earlier call done, this one never made).
    /// </summary>
    public string? GoDownBefore { get; set; }

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
        catch (HttpRequestException)
        {
            return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("Bad Gateway") };
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
        if (GoDownBefore == $"{model}.{method}")
        {
            (Down, GoDownBefore) = (true, null);
            throw new HttpRequestException("The server went away.");
        }

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
                case "search_count":
                    return Filter(rows, positional[0]!.AsArray(), kwargs).Count();
                case "get_param" when model == "ir.config_parameter":
                    // An unset key answers false, as Odoo's get_param does.
                    return rows.FirstOrDefault(r => r["key"]?.GetValue<string>() == positional[0]!.GetValue<string>())?["value"]?.DeepClone() ?? false;
                case "search":
                    return new JsonArray(Filter(rows, positional[0]!.AsArray(), kwargs).Select(r => (JsonNode)r["id"]!.GetValue<int>()).ToArray());
                case "read":
                    var wanted = kwargs["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList();
                    return new JsonArray(rows.Where(r => positional[0]!.AsArray().Any(id => id!.GetValue<int>() == r["id"]!.GetValue<int>()))
                        .Select(r => (JsonNode)Project(r, wanted)).ToArray());
                case "fields_get":
                    // Odoo 17's res.partner still has mobile (19 dropped it).
                    return new JsonObject { ["mobile"] = new JsonObject { ["type"] = "char" } };
                case "message_post":
                    var messages = Models.TryGetValue("mail.message", out var m) ? m : Models["mail.message"] = [];
                    return Create(messages, new JsonObject
                    {
                        ["model"] = model, ["res_id"] = positional[0]![0]!.GetValue<int>(), ["body"] = kwargs["body"]?.DeepClone(),
                        ["message_type"] = kwargs["message_type"]?.DeepClone(), ["subtype_xmlid"] = kwargs["subtype_xmlid"]?.DeepClone(),
                    });
                case "search_read":
                    var fields = kwargs["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList();
                    return new JsonArray(Filter(rows, positional[0]!.AsArray(), kwargs).Select(r => (JsonNode)Project(r, fields)).ToArray());
                default:
                    throw new InvalidOperationException($"Method {method} is not supported by the double.");
            }
        }
    }

    /// <summary>The fields asked of a record (all without a list), unset ones as Odoo answers them: <c>false</c>.</summary>
    private static JsonObject Project(JsonObject record, List<string>? fields)
    {
        var row = new JsonObject { ["id"] = record["id"]!.GetValue<int>() };
        foreach (var field in fields ?? record.Select(p => p.Key).ToList())
        {
            row[field] = record[field]?.DeepClone() ?? false;
        }

        return row;
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
        var record = new JsonObject { ["create_date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) };
        Write(record, values);
        if ((record["email_from"] ?? record["email"]) is { } email && email.GetValueKind() == JsonValueKind.String)
        {
            record["email_normalized"] = email.GetValue<string>().Trim().ToLowerInvariant();
        }

        if (record["phone"] is { } phone && phone.GetValueKind() == JsonValueKind.String)
        {
            record["phone_sanitized"] = phone.GetValue<string>();
        }

        record["id"] = ++_nextId;
        rows.Add(record);
        return _nextId;
    }

    /// <summary>Many2one fields whose own fields a domain may name (<c>stage_id.is_won</c>).</summary>
    private static readonly Dictionary<string, string> Relations = new(StringComparer.Ordinal) { ["stage_id"] = "crm.stage", ["partner_id"] = "res.partner" };

    private IEnumerable<JsonObject> Filter(List<JsonObject> rows, JsonArray domain, JsonObject kwargs)
    {
        var archived = kwargs["context"]?["active_test"]?.GetValue<bool>() == false
            || domain.OfType<JsonArray>().Any(c => c[0]!.GetValue<string>() == "active");
        var matched = rows.Where(r => (archived || r["active"]?.GetValue<bool>() != false) && OdooDomain.Matches(domain, Resolved(r, domain)));
        return kwargs["limit"] is { } limit ? matched.Take(limit.GetValue<int>()) : matched;
    }

    /// <summary>The record with the related fields the domain names (<c>stage_id.is_won</c>) filled in from their model.</summary>
    private JsonObject Resolved(JsonObject row, JsonArray domain)
    {
        // A test may store a dotted value itself (mail_message_id.model on mail.tracking.value): that one is kept.
        var dotted = domain.OfType<JsonArray>().Select(c => c[0]!.GetValue<string>())
            .Where(f => f.Contains('.', StringComparison.Ordinal) && !row.ContainsKey(f) && Relations.ContainsKey(f[..f.IndexOf('.')])).ToList();
        if (dotted.Count == 0)
        {
            return row;
        }

        var resolved = (JsonObject)row.DeepClone();
        foreach (var path in dotted)
        {
            var (field, related) = (path[..path.IndexOf('.')], path[(path.IndexOf('.') + 1)..]);
            var id = row[field] is JsonArray pair ? pair[0] : row[field];
            var target = id is null || !Relations.TryGetValue(field, out var model) || !Models.TryGetValue(model, out var targets) ? null
                : targets.FirstOrDefault(t => t["id"]!.GetValue<int>() == id.GetValue<int>());
            resolved[path] = target?[related]?.DeepClone() ?? false;
        }

        return resolved;
    }

    private static HttpResponseMessage Answer(JsonObject body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
