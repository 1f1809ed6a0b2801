using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// An Odoo 17 double for the hub's tests, registered with <c>hub.Outbound.Register(FakeOdoo.Host, odoo.HandleAsync)</c>.
/// It starts with the leads, sale orders and stages recorded from the real Odoo (Odoo/Fixtures) and
/// answers JSON-RPC in the recorded shapes — errors included — for the methods the hub calls:
/// https://www.odoo.com/documentation/17.0/developer/reference/external_api.html
/// </summary>
public sealed class FakeOdoo
{
    public const string Host = OdooFixtures.Host;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<JsonObject>> _models = new(StringComparer.Ordinal)
    {
        ["crm.lead"] = Records("search_read_leads"),
        ["sale.order"] = Records("search_read_orders"),
        ["crm.stage"] = Records("search_read_stages"),
        ["utm.source"] = Records("search_read_utm_source"),
        ["utm.medium"] = [],
        ["utm.campaign"] = [],
        ["ir.module.module"] = [],
    };

    public FakeOdoo()
    {
        // ir.model lists every model, as Odoo's does: the hub asks it whether an app (Sales) is installed.
        _models["ir.model"] = [.. _models.Keys.Append("ir.model").Select((model, i) => new JsonObject { ["id"] = i + 1, ["model"] = model })];
    }

    /// <summary>The addon shows as installed in <c>ir.module.module</c>, as Odoo lists it once an administrator installed it.</summary>
    public void InstallAddon() => Model("ir.module.module").Add(new JsonObject { ["id"] = 900, ["name"] = "g_assistant_connector", ["state"] = "installed" });

    /// <summary>The system parameters <c>ir.config_parameter.get_param</c> answers; null: the user may not read them (not an Odoo administrator).</summary>
    public Dictionary<string, string>? SystemParameters { get; set; }

    /// <summary>What Odoo was asked: "model.method" per call.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>
    /// The Odoo server clock, for <c>create_date</c>/<c>write_date</c>: the real time to the second
    /// (as Odoo answers it), so the hub's "created in the last minutes" look-ups hold on any day.
    /// </summary>
    public DateTime Now { get; set; } = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>When set, a call for which it answers true fails with a server error (before any effect; see <see cref="LoseCreateAnswersOf"/> for a lost answer).</summary>
    public Func<string, int, bool>? Fail { get; set; }

    /// <summary>Creates of this model are committed but their answer is lost (502 from a proxy).</summary>
    public string? LoseCreateAnswersOf { get; set; }

    public List<JsonObject> Model(string model)
    {
        lock (_lock)
        {
            return _models[model];
        }
    }

    /// <summary>Changes a record as a user would in Odoo, with a new write_date.</summary>
    public void Change(string model, long id, Action<JsonObject> change)
    {
        lock (_lock)
        {
            var record = _models[model].Single(r => r["id"]!.GetValue<long>() == id);
            change(record);
            record["write_date"] = Stamp(Now);
        }
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        if (request.Method == HttpMethod.Get)
        {
            return WebVersionNotFound(); // GET /web/version exists from Odoo 19 only
        }

        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;
        var parameters = body["params"]!;
        var args = parameters["args"]!.AsArray();
        var method = parameters["method"]!.GetValue<string>();
        JsonNode? result;
        lock (_lock)
        {
            (result, var error, var status) = parameters["service"]!.GetValue<string>() switch
            {
                "common" when method == "version" => (OdooFixtures.Result("version"), null, 200),
                "common" when method == "authenticate" => (args[2]!.GetValue<string>() == OdooFixtures.Password ? 2 : false, (JsonObject?)null, 200),
                "object" => Execute(args),
                _ => (null, OdooFixtures.Error("access_error_private_method"), 200),
            };
            if (error is not null || status != 200)
            {
                return Answer(body, null, error, status);
            }
        }

        return Answer(body, result, null, 200);
    }

    private (JsonNode? Result, JsonObject? Error, int Status) Execute(JsonArray args)
    {
        if (args[2]!.GetValue<string>() != OdooFixtures.Password)
        {
            return (null, OdooFixtures.Error("execute_kw_wrong_api_key"), 200);
        }

        var (model, method) = (args[3]!.GetValue<string>(), args[4]!.GetValue<string>());
        var positional = args[5]!.AsArray();
        var kwargs = args.Count > 6 ? args[6]!.AsObject() : [];
        var callNumber = Calls.Count(c => c == $"{model}.{method}") + 1;
        Calls.Enqueue($"{model}.{method}");
        if (Fail?.Invoke($"{model}.{method}", callNumber) == true)
        {
            return (null, ServerError("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update"), 200);
        }

        if ((model, method) == ("ir.config_parameter", "get_param"))
        {
            // Odoo's get_param checks read access on ir.config_parameter (Settings rights only): AccessError otherwise, in
            // the recorded AccessError's shape; an unset key answers false.
            return SystemParameters is { } parameters
                ? (parameters.TryGetValue(positional[0]!.GetValue<string>(), out var value) ? JsonValue.Create(value) : JsonValue.Create(false), null, 200)
                : (null, OdooFixtures.Error("access_error_no_rights").DeepClone().AsObject(), 200);
        }

        if (!_models.TryGetValue(model, out var all))
        {
            // What Odoo 17 answers for a model that is not installed (recorded: "Object nope.model doesn't exist").
            return (null, ServerError("odoo.exceptions.UserError", $"Object {model} doesn't exist"), 200);
        }

        var includeArchived = kwargs["context"]?["active_test"]?.GetValue<bool>() == false;
        var records = all.Where(r => includeArchived || r["active"]?.GetValue<bool>() != false);
        return method switch
        {
            "search_read" => (Read(Search(records, positional[0]!.AsArray(), kwargs), kwargs), null, 200),
            "search_count" => (Search(records, positional[0]!.AsArray(), []).Count(), null, 200),
            "read" => (Read(_models[model].Where(r => positional[0]!.AsArray().Any(id => id!.GetValue<long>() == r["id"]!.GetValue<long>())), kwargs), null, 200),
            "fields_get" => (OdooFixtures.Result("fields_get_sale_order"), null, 200),
            "create" => Create(model, positional[0]!.AsArray()),
            _ => (null, OdooFixtures.Error("access_error_private_method"), 200),
        };
    }

    private (JsonNode? Result, JsonObject? Error, int Status) Create(string model, JsonArray valuesList)
    {
        var ids = new JsonArray();
        foreach (var values in valuesList)
        {
            var id = _models[model].Select(r => r["id"]!.GetValue<long>()).DefaultIfEmpty(0).Max() + 1;
            var record = values!.DeepClone().AsObject();
            record["id"] = id;
            record["active"] ??= true;
            record["create_date"] = Stamp(Now);
            record["write_date"] = Stamp(Now);
            foreach (var many2one in new[] { "source_id", "medium_id", "campaign_id" })
            {
                if (record[many2one] is JsonValue value)
                {
                    var target = _models[many2one.Replace("_id", "", StringComparison.Ordinal) switch { "source" => "utm.source", "medium" => "utm.medium", _ => "utm.campaign" }];
                    var name = target.Single(t => t["id"]!.GetValue<long>() == value.GetValue<long>())["name"]!.GetValue<string>();
                    record[many2one] = new JsonArray(value.GetValue<long>(), name);
                }
            }

            _models[model].Add(record);
            ids.Add(id);
        }

        return LoseCreateAnswersOf == model ? (null, null, 502) : (ids, null, 200);
    }

    private static IEnumerable<JsonObject> Search(IEnumerable<JsonObject> records, JsonArray domain, JsonObject kwargs)
    {
        var found = records.Where(r => OdooDomain.Matches(domain, r));
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var part in (kwargs["order"]?.GetValue<string>() ?? "id").Split(',', StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ');
            var descending = words.Length > 1 && words[1] == "desc";
            Func<JsonObject, JsonNode?> key = r => r[words[0]];
            var comparer = Comparer<JsonNode?>.Create(OdooDomain.Order);
            ordered = ordered is null
                ? descending ? found.OrderByDescending(key, comparer) : found.OrderBy(key, comparer)
                : descending ? ordered.ThenByDescending(key, comparer) : ordered.ThenBy(key, comparer);
        }

        var list = ordered!.AsEnumerable();
        return kwargs["limit"] is { } limit ? list.Take(limit.GetValue<int>()) : list;
    }

    private static JsonArray Read(IEnumerable<JsonObject> records, JsonObject kwargs)
    {
        var fields = kwargs["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList();
        return new JsonArray(records.Select(r =>
        {
            var copy = new JsonObject { ["id"] = r["id"]!.DeepClone() };
            foreach (var (name, value) in r)
            {
                if (fields is null || fields.Contains(name))
                {
                    copy[name] = value?.DeepClone();
                }
            }

            foreach (var missing in fields?.Where(f => !copy.ContainsKey(f)) ?? [])
            {
                copy[missing] = false; // Odoo's empty value
            }

            return (JsonNode?)copy;
        }).ToArray());
    }

    private static HttpResponseMessage Answer(JsonNode body, JsonNode? result, JsonObject? error, int status)
    {
        if (status != 200)
        {
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("<html>Bad Gateway</html>", Encoding.UTF8, "text/html") };
        }

        var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = body["id"]?.DeepClone() };
        answer[error is null ? "result" : "error"] = error ?? result?.DeepClone();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    /// <summary>
    /// A handler answering every call whose body contains <paramref name="marker"/> (a model or a method name) with the
    /// recorded Odoo error <paramref name="fixture"/>, and the others as this double does.
    /// </summary>
    public Func<HttpRequestMessage, Task<HttpResponseMessage>> RecordedErrorWhen(string marker, string fixture)
    {
        var error = OdooFixtures.Error(fixture);
        return async request =>
        {
            var text = request.Content is null ? "" : await request.Content.ReadAsStringAsync();
            return text.Contains(marker, StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["error"] = error.DeepClone() }) }
                : await HandleAsync(request);
        };
    }

    /// <summary>What Odoo 17 answers to <c>GET /web/version</c> (Odoo/Fixtures/17/web_version.json): a 404 web page.</summary>
    public static HttpResponseMessage WebVersionNotFound() => new(HttpStatusCode.NotFound)
    {
        Content = new StringContent(OdooFixtures.Load("web_version")["response"]!.GetValue<string>(), Encoding.UTF8, "text/html"),
    };

    private static JsonObject ServerError(string name, string message) => new()
    {
        ["code"] = 200,
        ["message"] = "Odoo Server Error",
        ["data"] = new JsonObject { ["name"] = name, ["debug"] = "", ["message"] = message, ["arguments"] = new JsonArray(message), ["context"] = new JsonObject() },
    };

    private static List<JsonObject> Records(string fixture) => [.. OdooFixtures.Result(fixture).AsArray().Select(r => r!.DeepClone().AsObject())];

    public static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
