using System.Text.Json;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The ORM methods the hub calls (https://www.odoo.com/documentation/19.0/developer/reference/backend/orm.html),
/// each one <see cref="OdooCall"/> with its parameters named as Odoo's Python signature names them,
/// since JSON-2 passes every parameter by name.
/// </summary>
public static class OdooModelMethods
{
    public static async Task<IReadOnlyList<JsonElement>> SearchReadAsync(this OdooClient odoo, string model, JsonArray domain, IReadOnlyList<string> fields,
        string? order, int? limit, bool includeArchived, CancellationToken cancellationToken)
    {
        var keywords = new List<KeyValuePair<string, JsonNode?>> { new("fields", new JsonArray(fields.Select(f => (JsonNode?)f).ToArray())) };
        if (order is not null)
        {
            keywords.Add(new("order", order));
        }

        if (limit is not null)
        {
            keywords.Add(new("limit", limit.Value));
        }

        var result = await odoo.ExecuteAsync(new OdooCall(model, "search_read")
        {
            Positional = [new("domain", domain)],
            Keywords = keywords,
            IncludeArchived = includeArchived,
        }, cancellationToken);
        return [.. result.EnumerateArray()];
    }

    public static async Task<IReadOnlyList<JsonElement>> ReadAsync(this OdooClient odoo, string model, long id, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var result = await odoo.ExecuteAsync(new OdooCall(model, "read")
        {
            Ids = [id],
            Keywords = [new("fields", new JsonArray(fields.Select(f => (JsonNode?)f).ToArray()))],
            IncludeArchived = true,
        }, cancellationToken);
        return [.. result.EnumerateArray()];
    }

    public static async Task<long> SearchCountAsync(this OdooClient odoo, string model, JsonArray domain, bool includeArchived, CancellationToken cancellationToken) =>
        (await odoo.ExecuteAsync(new OdooCall(model, "search_count") { Positional = [new("domain", domain)], IncludeArchived = includeArchived }, cancellationToken)).GetInt64();

    /// <summary>Creates one record and answers its id. Sent once, never retried.</summary>
    public static async Task<long> CreateAsync(this OdooClient odoo, string model, JsonObject values, CancellationToken cancellationToken)
    {
        var result = await odoo.ExecuteAsync(new OdooCall(model, "create") { Positional = [new("vals_list", new JsonArray(values.DeepClone()))] }, cancellationToken);
        return result.ValueKind == JsonValueKind.Array ? result[0].GetInt64() : result.GetInt64();
    }

    public static async Task WriteAsync(this OdooClient odoo, string model, long id, JsonObject values, CancellationToken cancellationToken) =>
        await odoo.ExecuteAsync(new OdooCall(model, "write") { Ids = [id], Positional = [new("vals", values.DeepClone())] }, cancellationToken);
}
