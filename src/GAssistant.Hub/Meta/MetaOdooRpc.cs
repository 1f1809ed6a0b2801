using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The seam between the Meta pipeline and Odoo: the few <c>execute_kw</c> calls it needs over Odoo's
/// external JSON-RPC API (https://www.odoo.com/documentation/17.0/developer/reference/external_api.html),
/// <c>POST /jsonrpc {"jsonrpc": "2.0", "method": "call", "params": {"service": "object", "method": "execute_kw",
/// "args": [db, uid, key, model, method, args, kwargs]}}</c>. Nothing here is retried: a failed call fails the
/// outbox message, and the handler is idempotent by looking records up first.
/// To be replaced by the shared Odoo client once it lands on main.
/// </summary>
public sealed class MetaOdooRpc(IHttpClientFactory clients, IOptionsMonitor<OdooOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _login = new(1, 1);
    private long? _uid;
    private string? _uidFor;

    public void Dispose() => _login.Dispose();

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public async Task<JsonNode?> ExecuteAsync(string model, string method, JsonArray args, JsonObject? kwargs, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var uid = await UidAsync(o, cancellationToken);
        return await CallAsync(o, "object", "execute_kw",
            new JsonArray(o.Database, uid, o.ApiKey, model, method, args, kwargs ?? new JsonObject()), cancellationToken);
    }

    private async Task<long> UidAsync(OdooOptions o, CancellationToken cancellationToken)
    {
        var key = $"{o.Url}|{o.Database}|{o.Username}";
        if (_uid is { } cached && _uidFor == key)
        {
            return cached;
        }

        await _login.WaitAsync(cancellationToken);
        try
        {
            var result = await CallAsync(o, "common", "login", new JsonArray(o.Database, o.Username, o.ApiKey), cancellationToken);
            if (result is not JsonValue value || !value.TryGetValue<long>(out var uid) || uid <= 0)
            {
                throw new OdooRpcException("Odoo refused the login (check Odoo:Username and Odoo:ApiKey).", null);
            }

            (_uid, _uidFor) = (uid, key);
            return uid;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<JsonNode?> CallAsync(OdooOptions o, string service, string method, JsonArray args, CancellationToken cancellationToken)
    {
        if (!o.IsConfigured)
        {
            throw new OdooRpcException("Odoo is not configured (Odoo:Url, Odoo:Database, Odoo:Username, Odoo:ApiKey).", null);
        }

        var payload = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["id"] = Random.Shared.Next(1, int.MaxValue),
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);
        var http = clients.CreateClient(nameof(MetaOdooRpc));
        using var response = await http.PostAsJsonAsync(new Uri(new Uri(o.Url!), "/jsonrpc"), payload, timeout.Token);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token)
            ?? throw new OdooRpcException("Odoo answered an empty body.", null);
        if (answer["error"] is JsonObject error)
        {
            // Odoo's JSON-RPC error: {"code": 200, "message": "Odoo Server Error", "data": {"name", "message", ...}}.
            var data = error["data"] as JsonObject;
            throw new OdooRpcException($"Odoo error: {data?["name"]?.GetValue<string>()}: {data?["message"]?.GetValue<string>() ?? error["message"]?.GetValue<string>()}",
                data?["name"]?.GetValue<string>());
        }

        return answer["result"];
    }
}

public sealed class OdooRpcException(string message, string? odooErrorName) : Exception(message)
{
    /// <summary>Odoo's exception class, e.g. <c>odoo.exceptions.AccessError</c>.</summary>
    public string? OdooErrorName { get; } = odooErrorName;
}
