using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;

namespace GAssistant.Hub.Tests.Analytics.BigQuery;

/// <summary>
/// BigQuery's REST API and Google's OAuth token endpoint as documented, in memory. Every request is checked against the
/// documented shape; a request that does not match is answered 400 and listed in <see cref="Violations"/>.
/// - Token: https://developers.google.com/identity/protocols/oauth2/service-account#httprest (JWT bearer grant, RS256, iss/scope/aud/exp/iat)
/// - tables.get / tables.insert: https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/get, …/tables/insert,
///   Table resource https://cloud.google.com/bigquery/docs/reference/rest/v2/tables (schema, timePartitioning, clustering)
/// - jobs.insert upload: https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert and
///   https://cloud.google.com/bigquery/docs/reference/api-uploads#multipart (multipart/related: Job JSON, then the data)
/// - jobs.get: https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/get; Job: https://cloud.google.com/bigquery/docs/reference/rest/v2/Job
/// - tabledata.insertAll: https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll
/// - errors: https://cloud.google.com/bigquery/docs/error-messages ({"error": {"code", "message", "errors": [{"reason"}], "status"}})
/// </summary>
public sealed class BigQueryApiDouble
{
    public const string Host = "bigquery.test";
    public const string TokenHost = "oauth2.test";
    public const string TokenUri = "http://oauth2.test/token";
    public const string Project = "gah-analytics";
    public const string Dataset = "crm_hub";
    public const string ClientEmail = "exporter@gah-analytics.iam.gserviceaccount.com";
    public const string AccessToken = "ya29.test-token";

    /// <summary>"When making an access token request this value is always https://oauth2.googleapis.com/token" (the docs), whatever token_uri is.</summary>
    public const string Audience = "https://oauth2.googleapis.com/token";
    private static readonly string[] Types = ["STRING", "BYTES", "INTEGER", "INT64", "FLOAT", "FLOAT64", "NUMERIC", "BIGNUMERIC", "BOOLEAN", "BOOL", "TIMESTAMP", "DATE", "TIME", "DATETIME", "GEOGRAPHY", "JSON", "RECORD", "STRUCT"];
    private readonly RSA _key = RSA.Create(2048);
    private readonly Lock _gate = new();

    public sealed class Table(JsonObject resource)
    {
        public JsonObject Resource { get; } = resource;
        public List<JsonObject> Rows { get; } = [];
        public HashSet<string> InsertIds { get; } = [];

        public IEnumerable<JsonObject> Fields => Resource["schema"]!["fields"]!.AsArray().Select(f => f!.AsObject());
    }

    public ConcurrentDictionary<string, Table> Tables { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Jobs { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<string> Violations { get; } = new();
    private int _tokensIssued;

    public int TokensIssued => _tokensIssued;

    /// <summary>Accept the next load job, then fail the answer as a dropped connection would (the client cannot know it was accepted).</summary>
    public bool LoseNextLoadAnswer { get; set; }

    /// <summary>insertAll refuses a row when this returns an error location (e.g. a field name).</summary>
    public Func<JsonObject, string?> InvalidRow { get; set; } = _ => null;

    public void Register(HubFactory hub)
    {
        hub.Outbound.Register(Host, HandleAsync);
        hub.Outbound.Register(TokenHost, TokenAsync);
    }

    /// <summary>A service-account key file as the Cloud console downloads it, with token_uri pointing at this double.</summary>
    public string WriteKeyFile(string folder)
    {
        var key = new JsonObject
        {
            ["type"] = "service_account", ["project_id"] = Project, ["private_key_id"] = "key-1",
            ["private_key"] = _key.ExportPkcs8PrivateKeyPem(), ["client_email"] = ClientEmail, ["client_id"] = "1234567890",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth", ["token_uri"] = TokenUri,
        };
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "service-account.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }

    public Table TableNamed(string id) => Tables[id];

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        if (request.Method != HttpMethod.Post || request.RequestUri.AbsolutePath != "/token" || request.Content?.Headers.ContentType?.MediaType != "application/x-www-form-urlencoded")
        {
            return Violation("token request must be a form POST to token_uri");
        }

        var form = HttpUtility.ParseQueryString(await request.Content.ReadAsStringAsync());
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer" || form["assertion"] is not { } jwt)
        {
            return Violation("grant_type must be the JWT bearer grant with an assertion");
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3 || !_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return Violation("the JWT is not signed RS256 with the service account's key");
        }

        var header = JsonNode.Parse(Base64Url(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url(parts[1]))!;
        var iat = claims["iat"]!.GetValue<long>();
        var exp = claims["exp"]!.GetValue<long>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (header["alg"]?.GetValue<string>() != "RS256" || claims["iss"]?.GetValue<string>() != ClientEmail || claims["aud"]?.GetValue<string>() != Audience
            || !(claims["scope"]?.GetValue<string>() ?? "").Split(' ').Contains("https://www.googleapis.com/auth/bigquery")
            || exp <= iat || exp - iat > 3600 || Math.Abs(now - iat) > 300)
        {
            return Violation($"JWT header/claims do not match the documented ones: {header.ToJsonString()} {claims.ToJsonString()}");
        }

        Interlocked.Increment(ref _tokensIssued);
        return Json(200, new JsonObject { ["access_token"] = AccessToken, ["expires_in"] = 3599, ["token_type"] = "Bearer" });
    }

    private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        Requests.Enqueue($"{request.Method} {path}{request.RequestUri.Query}");
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: AccessToken })
        {
            return Error(401, "authError", "Request is missing required authentication credential.", "UNAUTHENTICATED");
        }

        var tables = $"/bigquery/v2/projects/{Project}/datasets/{Dataset}/tables";
        lock (_gate)
        {
            if (request.Method == HttpMethod.Get && Match(path, $"^{tables}/([A-Za-z0-9_]+)$") is { } getId)
            {
                return Tables.TryGetValue(getId, out var table) ? Json(200, table.Resource) : Error(404, "notFound", $"Not found: Table {Project}:{Dataset}.{getId}", "NOT_FOUND");
            }

            if (request.Method == HttpMethod.Get && Match(path, $"^/bigquery/v2/projects/{Project}/jobs/([A-Za-z0-9_-]+)$") is { } jobId)
            {
                if (!Jobs.TryGetValue(jobId, out var job))
                {
                    return Error(404, "notFound", $"Not found: Job {Project}:{jobId}", "NOT_FOUND");
                }

                job["status"] = new JsonObject { ["state"] = "DONE" }; // running on insert, done when polled
                return Json(200, job);
            }
        }

        if (request.Method == HttpMethod.Post && path == tables)
        {
            return CreateTable(JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject());
        }

        if (request.Method == HttpMethod.Post && Match(path, $"^{tables}/([A-Za-z0-9_]+)/insertAll$") is { } streamId)
        {
            return InsertAll(streamId, JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject());
        }

        if (request.Method == HttpMethod.Post && path == $"/upload/bigquery/v2/projects/{Project}/jobs")
        {
            return await LoadAsync(request);
        }

        return Violation($"no documented method for {request.Method} {path}");
    }

    private HttpResponseMessage CreateTable(JsonObject table)
    {
        var reference = table["tableReference"];
        var id = reference?["tableId"]?.GetValue<string>() ?? "";
        if (reference?["projectId"]?.GetValue<string>() != Project || reference["datasetId"]?.GetValue<string>() != Dataset || !Regex.IsMatch(id, "^[A-Za-z0-9_]{1,1024}$"))
        {
            return Violation("tableReference must name this project and dataset and a valid table id");
        }

        var fields = table["schema"]?["fields"]?.AsArray().Select(f => f!.AsObject()).ToList() ?? [];
        if (fields.Count == 0 || fields.Any(f => !Regex.IsMatch(f["name"]?.GetValue<string>() ?? "", "^[A-Za-z_][A-Za-z0-9_]{0,299}$")
            || !Types.Contains(f["type"]?.GetValue<string>()) || f["mode"]?.GetValue<string>() is not (null or "NULLABLE" or "REQUIRED" or "REPEATED")))
        {
            return Violation($"schema.fields must have names, documented types and modes: {table["schema"]?.ToJsonString()}");
        }

        string? Type(string? name) => fields.FirstOrDefault(f => f["name"]!.GetValue<string>() == name)?["type"]?.GetValue<string>();
        var partition = table["timePartitioning"];
        if (partition is not null && (partition["type"]?.GetValue<string>() is not ("DAY" or "HOUR" or "MONTH" or "YEAR")
            || Type(partition["field"]?.GetValue<string>()) is not ("DATE" or "TIMESTAMP" or "DATETIME")))
        {
            return Violation("timePartitioning must be a DAY/HOUR/MONTH/YEAR partition on a DATE, TIMESTAMP or DATETIME column");
        }

        var clustering = table["clustering"]?["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList();
        if (clustering is not null && (clustering.Count is 0 or > 4 || clustering.Any(c => Type(c) is null or "FLOAT64" or "FLOAT" or "JSON")))
        {
            return Violation("clustering.fields must be 1 to 4 top-level, non-float columns");
        }

        lock (_gate)
        {
            if (Tables.ContainsKey(id))
            {
                return Error(409, "duplicate", $"Already Exists: Table {Project}:{Dataset}.{id}", "ALREADY_EXISTS");
            }

            table["id"] = $"{Project}:{Dataset}.{id}";
            table["kind"] = "bigquery#table";
            Tables[id] = new Table(table);
            return Json(200, table);
        }
    }

    private async Task<HttpResponseMessage> LoadAsync(HttpRequestMessage request)
    {
        if (System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["uploadType"] != "multipart"
            || request.Content?.Headers.ContentType is not { MediaType: "multipart/related" } contentType)
        {
            return Violation("a load with data must use uploadType=multipart and a multipart/related body");
        }

        var body = await request.Content.ReadAsStreamAsync();
        if (MimeKit.MimeEntity.Load(MimeKit.ContentType.Parse(contentType.ToString()), body) is not MimeKit.Multipart { Count: 2 } parts
            || parts[0] is not MimeKit.MimePart { ContentType.MimeType: "application/json" } metadata || parts[1] is not MimeKit.MimePart media)
        {
            return Violation("the multipart body must be the Job as application/json, then the data");
        }

        var job = JsonNode.Parse(Decode(metadata))!.AsObject();
        var jobId = job["jobReference"]?["jobId"]?.GetValue<string>() ?? "";
        var load = job["configuration"]?["load"];
        var destination = load?["destinationTable"];
        var tableId = destination?["tableId"]?.GetValue<string>() ?? "";
        if (job["jobReference"]?["projectId"]?.GetValue<string>() != Project || !Regex.IsMatch(jobId, "^[A-Za-z0-9_-]{1,1024}$")
            || load?["sourceFormat"]?.GetValue<string>() != "NEWLINE_DELIMITED_JSON"
            || destination?["projectId"]?.GetValue<string>() != Project || destination["datasetId"]?.GetValue<string>() != Dataset)
        {
            return Violation($"the Job must carry our jobReference and a NEWLINE_DELIMITED_JSON load into this dataset: {job.ToJsonString()}");
        }

        var rows = Decode(media).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lock (_gate)
        {
            if (Jobs.ContainsKey(jobId))
            {
                return Error(409, "duplicate", $"Already Exists: Job {Project}:US.{jobId}", "ALREADY_EXISTS");
            }

            if (!Tables.TryGetValue(tableId, out var table))
            {
                return Error(404, "notFound", $"Not found: Table {Project}:{Dataset}.{tableId}", "NOT_FOUND");
            }

            if (rows.Select(r => SchemaError(table, r)).FirstOrDefault(e => e is not null) is { } schemaError)
            {
                return Violation(schemaError);
            }

            table.Rows.AddRange(rows);
            job["id"] = $"{Project}:US.{jobId}";
            job["status"] = new JsonObject { ["state"] = "RUNNING" };
            job["statistics"] = new JsonObject { ["load"] = new JsonObject { ["outputRows"] = rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            Jobs[jobId] = job;
            if (LoseNextLoadAnswer)
            {
                LoseNextLoadAnswer = false;
                throw new HttpRequestException("The connection was reset after the upload (test: the load was accepted).");
            }

            return Json(200, job);
        }
    }

    private HttpResponseMessage InsertAll(string tableId, JsonObject body)
    {
        var rows = body["rows"]?.AsArray().Select(r => r!.AsObject()).ToList() ?? [];
        if (rows.Count == 0 || rows.Any(r => string.IsNullOrEmpty(r["insertId"]?.GetValue<string>()) || r["json"] is not JsonObject))
        {
            return Violation("insertAll rows must each carry an insertId and a json object");
        }

        lock (_gate)
        {
            if (!Tables.TryGetValue(tableId, out var table))
            {
                return Error(404, "notFound", $"Not found: Table {Project}:{Dataset}.{tableId}", "NOT_FOUND");
            }

            if (rows.Select(r => SchemaError(table, r["json"]!.AsObject())).FirstOrDefault(e => e is not null) is { } schemaError)
            {
                return Violation(schemaError);
            }

            var errors = new JsonArray();
            for (var i = 0; i < rows.Count; i++)
            {
                if (InvalidRow(rows[i]["json"]!.AsObject()) is { } location)
                {
                    errors.Add(new JsonObject
                    {
                        ["index"] = i,
                        ["errors"] = new JsonArray(new JsonObject { ["reason"] = "invalid", ["location"] = location, ["debugInfo"] = "", ["message"] = $"Cannot convert value to the type of {location}." }),
                    });
                }
            }

            if (errors.Count > 0)
            {
                // skipInvalidRows=false: the whole request fails, the valid rows are reported as "stopped".
                for (var i = 0; i < rows.Count; i++)
                {
                    if (!errors.Any(e => e!["index"]!.GetValue<int>() == i))
                    {
                        errors.Add(new JsonObject { ["index"] = i, ["errors"] = new JsonArray(new JsonObject { ["reason"] = "stopped", ["location"] = "", ["debugInfo"] = "", ["message"] = "" }) });
                    }
                }

                return Json(200, new JsonObject { ["kind"] = "bigquery#tableDataInsertAllResponse", ["insertErrors"] = errors });
            }

            foreach (var row in rows.Where(r => table.InsertIds.Add(r["insertId"]!.GetValue<string>())))
            {
                table.Rows.Add(row["json"]!.AsObject());
            }

            return Json(200, new JsonObject { ["kind"] = "bigquery#tableDataInsertAllResponse" });
        }
    }

    private static string? SchemaError(Table table, JsonObject row)
    {
        var fields = table.Fields.ToDictionary(f => f["name"]!.GetValue<string>(), f => f);
        if (row.Select(p => p.Key).FirstOrDefault(k => !fields.ContainsKey(k)) is { } unknown)
        {
            return $"row has field {unknown} not in the schema of {table.Resource["tableReference"]!["tableId"]}";
        }

        return fields.Values.Where(f => f["mode"]?.GetValue<string>() == "REQUIRED").Select(f => f["name"]!.GetValue<string>())
            .FirstOrDefault(name => row[name] is null) is { } missing ? $"required field {missing} is missing" : null;
    }

    private static string Decode(MimeKit.MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string? Match(string path, string pattern) => Regex.Match(path, pattern) is { Success: true } m ? m.Groups[1].Value : null;

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '='));

    private HttpResponseMessage Violation(string what)
    {
        Violations.Enqueue(what);
        return Error(400, "invalid", what, "INVALID_ARGUMENT");
    }

    private static HttpResponseMessage Error(int code, string reason, string message, string status) => Json(code, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code, ["message"] = message, ["status"] = status,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason }),
        },
    });

    private static HttpResponseMessage Json(int code, JsonNode body) =>
        new((HttpStatusCode)code) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
