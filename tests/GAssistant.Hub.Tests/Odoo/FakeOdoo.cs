using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The Odoo 17 of the hub's tests, registered with <c>hub.Outbound.Register(FakeOdoo.Host, odoo.HandleAsync)</c>: the external
/// JSON-RPC API (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html), <c>POST /jsonrpc</c> with
/// <c>common.version</c>, <c>common.authenticate</c>/<c>login</c> and <c>object.execute_kw</c> (<c>search</c>, <c>search_read</c>,
/// <c>search_count</c>, <c>read</c>, <c>create</c>, <c>write</c>, <c>fields_get</c>, <c>message_post</c>,
/// <c>ir.config_parameter.get_param</c>) on in-memory models, answered in the shapes recorded from the real Odoo
/// (Odoo/Fixtures/17), errors included. Domains are read by <see cref="OdooDomain"/>, with a many2one's own field
/// (<c>stage_id.is_won</c>); archived records only when asked for (<c>active_test</c> or an <c>active</c> term), as Odoo does.
/// As Odoo's <c>mail.thread.blacklist</c> and <c>mail.thread.phone</c> do, a created record gets <c>email_normalized</c> and
/// <c>phone_sanitized</c> (the phone as stored, as on the real servers here, which lack the <c>phonenumbers</c> library).
/// <para>
/// <c>new FakeOdoo()</c> starts with the leads, sale orders, stages and sources recorded from the real Odoo and knows only
/// those models (another answers Odoo's "Object … doesn't exist"); <see cref="Empty"/> is a new database where every model
/// is installed and nothing is recorded yet, signed in as an administrator. Its records outlive any hub, as a real Odoo's do.
/// </para>
/// </summary>
public sealed class FakeOdoo
{
    public const string Host = OdooFixtures.Host;
    public const string Url = OdooFixtures.Url;

    private readonly Lock _lock = new();
    private readonly bool _everyModel;

    public FakeOdoo() : this(recorded: true)
    {
    }

    private FakeOdoo(bool recorded)
    {
        _everyModel = !recorded;
        if (!recorded)
        {
            SystemParameters = [];
            return;
        }

        Models["crm.lead"] = Recorded("search_read_leads");
        Models["sale.order"] = Recorded("search_read_orders");
        Models["crm.stage"] = Recorded("search_read_stages");
        Models["utm.source"] = Recorded("search_read_utm_source");
        Models["utm.medium"] = [];
        Models["utm.campaign"] = [];
        Models["ir.module.module"] = [];

        // ir.model lists every model, as Odoo's does: the hub asks it whether an app (Sales) is installed.
        Models["ir.model"] = [.. Models.Keys.Append("ir.model").Select((model, i) => new JsonObject { ["id"] = i + 1, ["model"] = model })];
    }

    /// <summary>A new Odoo database: no records, every model installed, the hub's user an administrator.</summary>
    public static FakeOdoo Empty() => new(recorded: false);

    /// <summary>The hub's settings for this Odoo (the recorded server's database and credentials).</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Odoo:Url"] = Url, ["Odoo:Database"] = OdooFixtures.Database, ["Odoo:Username"] = OdooFixtures.Login, ["Odoo:ApiKey"] = OdooFixtures.Password,
    };

    /// <summary>The records per model, as stored (a test may seed a model by setting it).</summary>
    public Dictionary<string, List<JsonObject>> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>The addon shows as installed in <c>ir.module.module</c>, as Odoo lists it once an administrator installed it.</summary>
    public void InstallAddon() => Model("ir.module.module").Add(new JsonObject { ["id"] = 900, ["name"] = "g_assistant_connector", ["state"] = "installed" });

    /// <summary>The system parameters <c>ir.config_parameter.get_param</c> answers; null: the user may not read them (not an Odoo administrator).</summary>
    public Dictionary<string, string>? SystemParameters { get; set; }

    /// <summary>What Odoo was asked: "model.method" per call.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Records answered by <c>search_read</c>, per model: how many times the hub read what it reads.</summary>
    public ConcurrentDictionary<string, int> RecordsRead { get; } = new(StringComparer.Ordinal);

    private JsonArray Counted(string model, JsonArray records)
    {
        RecordsRead.AddOrUpdate(model, records.Count, (_, n) => n + records.Count);
        return records;
    }

    /// <summary>
    /// The Odoo server clock, for <c>create_date</c>/<c>write_date</c>: the real time to the second
    /// (as Odoo answers it), so the hub's "created in the last minutes" look-ups hold on any day.
    /// </summary>
    public DateTime Now { get; set; } = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>When set, a call for which it answers true fails with a server error (before any effect; see <see cref="LoseCreateAnswersOf"/> for a lost answer).</summary>
    public Func<string, int, bool>? Fail { get; set; }

    /// <summary>Creates of this model are committed but their answer is lost (502 from a proxy).</summary>
    public string? LoseCreateAnswersOf { get; set; }

    /// <summary>While true every call fails like an unreachable server (502 from the proxy).</summary>
    public bool Down { get; set; }

    /// <summary>The series <c>common.version</c> answers, from that series' recorded answer (Odoo/Fixtures/&lt;series&gt;/version.json).</summary>
    public string Series { get; set; } = "17";

    /// <summary>
    /// Per model, the only fields it has; reading another fails as Odoo does ("Invalid field 'x' on model 'y'"), e.g.
    /// crm.team.member's <c>lead_day_count</c>, which Odoo 17 lacks.
    /// </summary>
    public Dictionary<string, string[]> FieldsOfModel { get; } = [];

    /// <summary>
    /// A call (<c>"crm.lead.create"</c>) before which the server goes <see cref="Down"/>, unexecuted: what a hub that crashed
    /// just before it leaves behind (every earlier call done, this one never made).
    /// </summary>
    public string? GoDownBefore { get; set; }

    /// <summary>The model's records themselves (changes reach Odoo); created empty on first use where every model is installed.</summary>
    public List<JsonObject> Model(string model)
    {
        lock (_lock)
        {
            return _everyModel && !Models.ContainsKey(model) ? Models[model] = [] : Models[model];
        }
    }

    /// <summary>A copy of the model's records as they are now (none for a model nothing was stored in).</summary>
    public List<JsonObject> Records(string model)
    {
        lock (_lock)
        {
            return Models.TryGetValue(model, out var rows) ? [.. rows.Select(r => (JsonObject)r.DeepClone())] : [];
        }
    }

    /// <summary>Changes a record as a user would in Odoo, with a new write_date.</summary>
    public void Change(string model, long id, Action<JsonObject> change)
    {
        lock (_lock)
        {
            var record = Models[model].Single(r => IdOf(r["id"]) == id);
            change(record);
            record["write_date"] = Stamp(Now);
        }
    }

    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        if (Down)
        {
            return BadGateway();
        }

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
                "common" when method == "version" => (OdooFixtures.Result("version", Series), null, 200),
                "common" when method is "authenticate" or "login" => (args[2]!.GetValue<string>() == OdooFixtures.Password ? 2 : false, (JsonObject?)null, 200),
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
        if (GoDownBefore == $"{model}.{method}")
        {
            (Down, GoDownBefore) = (true, null);
            return (null, null, 502);
        }

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

        if (!Models.ContainsKey(model) && !_everyModel)
        {
            // What Odoo 17 answers for a model that is not installed (recorded: "Object nope.model doesn't exist").
            return (null, ServerError("odoo.exceptions.UserError", $"Object {model} doesn't exist"), 200);
        }

        if (FieldsOfModel.TryGetValue(model, out var known)
            && kwargs["fields"]?.AsArray().Select(f => f!.GetValue<string>()).FirstOrDefault(f => f != "id" && !known.Contains(f)) is { } invalid)
        {
            return (null, ServerError("builtins.ValueError", $"Invalid field '{invalid}' on model '{model}'"), 200);
        }

        var all = Model(model);
        IEnumerable<JsonObject> ById() => all.Where(r => positional[0]!.AsArray().Any(id => IdOf(id) == IdOf(r["id"])));
        return method switch
        {
            "search_read" => (Counted(model, Read(Search(all, positional[0]!.AsArray(), kwargs), kwargs)), null, 200),
            "search" => (new JsonArray([.. Search(all, positional[0]!.AsArray(), kwargs).Select(r => r["id"]!.DeepClone())]), null, 200),
            "search_count" => (Search(all, positional[0]!.AsArray(), kwargs).Count(), null, 200),
            "read" => (Read(ById(), kwargs), null, 200),
            "fields_get" => (FieldsOf(model), null, 200),
            "create" => Create(model, positional[0] as JsonArray ?? new JsonArray(positional[0]!.DeepClone()), single: positional[0] is JsonObject),
            "write" => (WriteAll(ById(), positional[1]!.AsObject()), null, 200),
            "message_post" => PostMessage(model, IdOf(positional[0]![0]), kwargs),
            _ => (null, OdooFixtures.Error("access_error_private_method"), 200),
        };
    }

    /// <summary>
    /// What <c>fields_get</c> answers, recorded from Odoo 17 (res.partner still has <c>mobile</c> there; 19 dropped it);
    /// crm.lead's from Odoo 19 with two custom fields (<c>x_budget</c> char, <c>x_visit_date</c> date), less those a test removed.
    /// </summary>
    private JsonNode FieldsOf(string model)
    {
        if (model != "crm.lead")
        {
            return OdooFixtures.Result(model == "res.partner" ? "people_partner_fields" : "fields_get_sale_order");
        }

        var fields = OdooFixtures.Result("fields_get_lead", "19").AsObject();
        foreach (var gone in RemovedLeadFields)
        {
            fields.Remove(gone);
        }

        return fields;
    }

    /// <summary>crm.lead fields <c>fields_get</c> no longer lists (a custom field deleted in Odoo).</summary>
    public ConcurrentBag<string> RemovedLeadFields { get; } = [];

    /// <summary>The recorded Odoo 19 sales teams and internal users, for the pickers of a form's mapping.</summary>
    public void AddTeamsAndUsers()
    {
        Models["crm.team"] = [.. OdooFixtures.Result("search_read_teams", "19").AsArray().Select(t => t!.AsObject().DeepClone().AsObject())];
        Models["res.users"] = [.. OdooFixtures.Result("search_read_internal_users", "19").AsArray()
            .Select(u => { var user = u!.AsObject().DeepClone().AsObject(); user["share"] = false; return user; })];
    }

    private (JsonNode? Result, JsonObject? Error, int Status) Create(string model, JsonArray valuesList, bool single)
    {
        var ids = new JsonArray();
        foreach (var values in valuesList)
        {
            var id = Models[model].Select(r => IdOf(r["id"])).DefaultIfEmpty(0).Max() + 1;
            var record = new JsonObject();
            Write(record, values!.AsObject());
            record["id"] = NewId(id);
            record["active"] ??= true;
            record["create_date"] = Stamp(Now);
            if (model == "mail.activity" && record["res_model_id"] is { } modelId)
            {
                // res_model is related to res_model_id.model and stored, as Odoo's mail.activity has it.
                record["res_model"] = Model("ir.model").FirstOrDefault(m => IdOf(m["id"]) == IdOf(modelId))?["model"]?.DeepClone();
            }
            record["write_date"] = Stamp(Now);
            if ((record["email_from"] ?? record["email"]) is { } email && email.GetValueKind() == JsonValueKind.String)
            {
                record["email_normalized"] = email.GetValue<string>().Trim().ToLowerInvariant();
            }

            if (record["phone"] is { } phone && phone.GetValueKind() == JsonValueKind.String)
            {
                record["phone_sanitized"] = phone.GetValue<string>();
            }

            foreach (var (many2one, target) in Utm)
            {
                // Odoo reads a many2one back as [id, display name].
                if (record[many2one] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && Models.TryGetValue(target, out var targets)
                    && targets.FirstOrDefault(t => IdOf(t["id"]) == IdOf(value)) is { } named)
                {
                    record[many2one] = new JsonArray(NewId(IdOf(value)), named["name"]!.DeepClone());
                }
            }

            Models[model].Add(record);
            ids.Add(NewId(id));
        }

        // create(vals) answers the new id, create(vals_list) the list of new ids.
        return LoseCreateAnswersOf == model ? (null, null, 502) : (single ? ids[0]!.DeepClone() : ids, null, 200);
    }

    private static readonly (string Field, string Model)[] Utm = [("source_id", "utm.source"), ("medium_id", "utm.medium"), ("campaign_id", "utm.campaign")];

    private JsonNode WriteAll(IEnumerable<JsonObject> records, JsonObject values)
    {
        foreach (var record in records)
        {
            Write(record, values);
            record["write_date"] = Stamp(Now);
        }

        return true;
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
            if (field.EndsWith("_ids", StringComparison.Ordinal) && value is JsonArray { Count: > 0 } plain && plain.All(v => v?.GetValueKind() == JsonValueKind.Number))
            {
                row[field] = plain.DeepClone(); // a list of ids sets them, as Odoo reads it
            }
            else if (field.EndsWith("_ids", StringComparison.Ordinal) && value is JsonArray commands)
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
                            ids = [.. command[2]!.AsArray().Select(i => i!.GetValue<int>())];
                            break;
                    }
                }

                row[field] = new JsonArray([.. ids.Select(i => (JsonNode)i)]);
            }
            else
            {
                row[field] = value?.DeepClone();
            }
        }
    }

    /// <summary><c>message_post</c> on a record: a <c>mail.message</c> with the body, type and subtype asked for; answers its id.</summary>
    private (JsonNode? Result, JsonObject? Error, int Status) PostMessage(string model, long resId, JsonObject kwargs)
    {
        Models.TryAdd("mail.message", []);
        return Create("mail.message", new JsonArray(new JsonObject
        {
            ["model"] = model, ["res_id"] = NewId(resId), ["body"] = kwargs["body"]?.DeepClone(),
            ["message_type"] = kwargs["message_type"]?.DeepClone(), ["subtype_xmlid"] = kwargs["subtype_xmlid"]?.DeepClone(),
        }), single: true);
    }

    private IEnumerable<JsonObject> Search(IEnumerable<JsonObject> records, JsonArray domain, JsonObject kwargs)
    {
        var archived = kwargs["context"]?["active_test"]?.GetValue<bool>() == false
            || domain.OfType<JsonArray>().Any(c => c[0]!.GetValue<string>() == "active");
        var found = records.Where(r => (archived || r["active"]?.GetValue<bool>() != false) && OdooDomain.Matches(domain, Resolved(r, domain)));
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

    /// <summary>Many2one fields whose own fields a domain may name (<c>stage_id.is_won</c>).</summary>
    private static readonly Dictionary<string, string> Relations = new(StringComparer.Ordinal) { ["stage_id"] = "crm.stage", ["partner_id"] = "res.partner" };

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
            var target = id is null || id.GetValueKind() != JsonValueKind.Number || !Models.TryGetValue(Relations[field], out var targets) ? null
                : targets.FirstOrDefault(t => IdOf(t["id"]) == IdOf(id));
            resolved[path] = target?[related]?.DeepClone() ?? false;
        }

        return resolved;
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
            return BadGateway();
        }

        var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = body["id"]?.DeepClone() };
        answer[error is null ? "result" : "error"] = error ?? result?.DeepClone();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private static HttpResponseMessage BadGateway() =>
        new(HttpStatusCode.BadGateway) { Content = new StringContent("<html>Bad Gateway</html>", Encoding.UTF8, "text/html") };

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

    private static List<JsonObject> Recorded(string fixture) => [.. OdooFixtures.Result(fixture).AsArray().Select(r => r!.DeepClone().AsObject())];

    /// <summary>A record id however it was written (a number parsed from JSON, or an int or a long a test set).</summary>
    private static long IdOf(JsonNode? id) => long.Parse(id!.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>An id as a parsed JSON number, which reads as any integer type, as the hub's own JSON does.</summary>
    private static JsonNode NewId(long id) => JsonNode.Parse(id.ToString(CultureInfo.InvariantCulture))!;

    public static string Stamp(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
