using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// One ORM method call, written once and sent either way: over JSON-RPC <c>execute_kw</c> as
/// <c>args = [ids?, positional…]</c> plus <c>kwargs</c>, or over JSON-2 as one object of named
/// parameters plus <c>ids</c> and <c>context</c> (JSON-2 has no positional arguments).
/// </summary>
public sealed record OdooCall(string Model, string Method)
{
    public IReadOnlyList<long>? Ids { get; init; }

    /// <summary>Parameters sent positionally over JSON-RPC (some methods, like <c>create</c>, need that), by name over JSON-2.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Positional { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Keywords { get; init; } = [];

    /// <summary><c>active_test: false</c> in the context, so archived records (lost leads) are included.</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>Reads are safe to retry; anything else is sent once.</summary>
    public bool IsRead => Method is "search_read" or "read" or "search" or "search_count" or "fields_get" or "name_search" or "context_get";

    public JsonArray JsonRpcArgs()
    {
        var args = new JsonArray();
        if (Ids is not null)
        {
            args.Add(IdArray());
        }

        foreach (var (_, value) in Positional)
        {
            args.Add(value?.DeepClone());
        }

        return args;
    }

    public JsonObject JsonRpcKwargs()
    {
        var kwargs = new JsonObject();
        foreach (var (name, value) in Keywords)
        {
            kwargs[name] = value?.DeepClone();
        }

        AddContext(kwargs);
        return kwargs;
    }

    public JsonObject Json2Body()
    {
        var body = new JsonObject();
        if (Ids is not null)
        {
            body["ids"] = IdArray();
        }

        foreach (var (name, value) in Positional.Concat(Keywords))
        {
            body[name] = value?.DeepClone();
        }

        AddContext(body);
        return body;
    }

    private JsonArray IdArray() => new(Ids!.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());

    private void AddContext(JsonObject target)
    {
        if (IncludeArchived)
        {
            target["context"] = new JsonObject { ["active_test"] = false };
        }
    }
}
