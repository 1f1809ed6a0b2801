using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// The few BigQuery v2 REST methods the export needs (https://cloud.google.com/bigquery/docs/reference/rest), on
/// <c>BigQuery:BaseUrl</c>. No automatic retries: a load is made safe to repeat by its job id, a stream by its insertIds.
/// </summary>
public sealed class BigQueryClient(HttpClient http, BigQueryCredentials credentials, IOptionsMonitor<BigQueryOptions> options)
{
    private BigQueryOptions O => options.CurrentValue;

    private string Project => Uri.EscapeDataString(O.ProjectId!);

    private string TablePath(string tableId) => $"bigquery/v2/projects/{Project}/datasets/{Uri.EscapeDataString(O.Dataset!)}/tables/{Uri.EscapeDataString(tableId)}";

    /// <summary>tables.get; false when the table does not exist (404).</summary>
    public async Task<bool> TableExistsAsync(string tableId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, TablePath(tableId), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>tables.insert (https://cloud.google.com/bigquery/docs/reference/rest/v2/tables/insert); false when another run created it first (409).</summary>
    public async Task<bool> CreateTableAsync(BigQueryTableSpec spec, CancellationToken cancellationToken)
    {
        var table = new JsonObject
        {
            ["tableReference"] = TableReference(spec.TableId),
            ["description"] = spec.Description,
            ["schema"] = new JsonObject
            {
                ["fields"] = new JsonArray([.. spec.Fields.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = f.Name,
                    ["type"] = f.Type,
                    ["mode"] = f.Required ? "REQUIRED" : "NULLABLE",
                    ["description"] = f.Description,
                })]),
            },
            ["timePartitioning"] = new JsonObject { ["type"] = "DAY", ["field"] = spec.PartitionField },
            ["clustering"] = new JsonObject { ["fields"] = new JsonArray([.. spec.ClusterFields.Select(f => (JsonNode)f)]) },
        };
        using var response = await SendAsync(HttpMethod.Post, $"bigquery/v2/projects/{Project}/datasets/{Uri.EscapeDataString(O.Dataset!)}/tables",
            JsonContent(table), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// jobs.insert through the upload URI with <c>uploadType=multipart</c>: the Job as the first part, the NDJSON data as
    /// the second (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/insert,
    /// https://cloud.google.com/bigquery/docs/reference/api-uploads#multipart). A 409 for our own job id means the load
    /// was accepted before: that job's state is returned instead of loading twice.
    /// </summary>
    public async Task<BigQueryJobState> StartLoadAsync(string jobId, string tableId, IReadOnlyList<BigQueryRow> rows, CancellationToken cancellationToken)
    {
        var job = new JsonObject
        {
            ["jobReference"] = new JsonObject { ["projectId"] = O.ProjectId, ["jobId"] = jobId, ["location"] = O.Location },
            ["configuration"] = new JsonObject
            {
                ["load"] = new JsonObject
                {
                    ["destinationTable"] = TableReference(tableId),
                    ["sourceFormat"] = "NEWLINE_DELIMITED_JSON",
                    ["writeDisposition"] = "WRITE_APPEND",
                    ["createDisposition"] = "CREATE_NEVER",
                },
            },
        };
        var data = new MemoryStream();
        foreach (var row in rows)
        {
            data.Write(row.Json);
            data.WriteByte((byte)'\n');
        }

        var multipart = new MultipartContent("related");
        multipart.Add(JsonContent(job));
        var media = new ByteArrayContent(data.ToArray());
        media.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        multipart.Add(media);
        using var response = await SendAsync(HttpMethod.Post, $"upload/bigquery/v2/projects/{Project}/jobs?uploadType=multipart", multipart, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return await GetJobAsync(jobId, cancellationToken);
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return ParseJob(await ReadJsonAsync(response, cancellationToken));
    }

    /// <summary>jobs.get (https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/get).</summary>
    public async Task<BigQueryJobState> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var location = string.IsNullOrEmpty(O.Location) ? "" : $"?location={Uri.EscapeDataString(O.Location)}";
        using var response = await SendAsync(HttpMethod.Get, $"bigquery/v2/projects/{Project}/jobs/{Uri.EscapeDataString(jobId)}{location}", null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return ParseJob(await ReadJsonAsync(response, cancellationToken));
    }

    /// <summary>
    /// tabledata.insertAll (https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll) with each row's
    /// insertId for best-effort de-duplication of a retry. A 200 can still refuse rows: their <c>insertErrors</c> are returned.
    /// </summary>
    public async Task<IReadOnlyList<BigQueryInsertError>> InsertAllAsync(string tableId, IReadOnlyList<BigQueryRow> rows, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("skipInvalidRows", false);
            writer.WriteBoolean("ignoreUnknownValues", false);
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("insertId", row.InsertId);
                writer.WritePropertyName("json");
                writer.WriteRawValue(row.Json, skipInputValidation: true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await SendAsync(HttpMethod.Post, TablePath(tableId) + "/insertAll", content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var answer = await ReadJsonAsync(response, cancellationToken);
        return answer["insertErrors"] is JsonArray errors
            ? errors.SelectMany(e => (e!["errors"] as JsonArray ?? []).Select(x => new BigQueryInsertError(
                e["index"]?.GetValue<int>() ?? -1, x!["reason"]?.GetValue<string>() ?? "", x["location"]?.GetValue<string>(), x["message"]?.GetValue<string>() ?? ""))).ToList()
            : [];
    }

    private JsonObject TableReference(string tableId) => new() { ["projectId"] = O.ProjectId, ["datasetId"] = O.Dataset, ["tableId"] = tableId };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(O.BaseUrl.TrimEnd('/') + "/"), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await credentials.GetAccessTokenAsync(cancellationToken));
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Unset optional fields are left out rather than sent as null.</summary>
    private static StringContent JsonContent(JsonNode node) => new(Pruned(node).ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonNode Pruned(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var name in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                o.Remove(name);
            }

            foreach (var child in o.Select(p => p.Value!).ToList())
            {
                Pruned(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a.Where(c => c is not null))
            {
                Pruned(child!);
            }
        }

        return node;
    }

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject ?? [];

    /// <summary>Error bodies are <c>{"error": {"code", "message", "errors": [{"reason", "message"}], "status"}}</c>.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? reason = null;
        var message = $"BigQuery answered {(int)response.StatusCode}.";
        try
        {
            if (JsonNode.Parse(text)?["error"] is JsonObject error)
            {
                reason = error["errors"]?[0]?["reason"]?.GetValue<string>();
                message = $"BigQuery answered {(int)response.StatusCode} {reason}: {error["message"]?.GetValue<string>()}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status says enough.
        }

        throw new BigQueryException((int)response.StatusCode, reason, message);
    }

    private static BigQueryJobState ParseJob(JsonObject job)
    {
        var status = job["status"];
        var error = status?["errorResult"];
        var rows = job["statistics"]?["load"]?["outputRows"]?.GetValue<string>();
        return new BigQueryJobState(job["jobReference"]?["jobId"]?.GetValue<string>() ?? "", status?["state"]?.GetValue<string>() ?? "PENDING",
            error?["reason"]?.GetValue<string>(), error?["message"]?.GetValue<string>(), long.TryParse(rows, out var n) ? n : null);
    }
}
