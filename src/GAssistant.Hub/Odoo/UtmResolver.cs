using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Finds <c>utm.source</c>, <c>utm.medium</c> or <c>utm.campaign</c> (or another model named by its name, like <c>crm.tag</c>) by exact name and creates it when
/// missing. Looking up first keeps it idempotent; a concurrent create that wins the unique-name race
/// (Odoo answers ValidationError) is found by a second look-up.
/// </summary>
public sealed class UtmResolver(OdooClient odoo)
{
    public async Task<long?> ResolveAsync(string model, string? name, CancellationToken cancellationToken)
    {
        name = NewLead.Clean(name);
        if (name is null)
        {
            return null;
        }

        if (await FindAsync(model, name, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            return await odoo.CreateAsync(model, new JsonObject { ["name"] = name }, cancellationToken);
        }
        catch (OdooException e) when (e.Kind == OdooErrorKind.Invalid)
        {
            // Someone created it in between (unique name): use theirs; otherwise the refusal stands.
            if (await FindAsync(model, name, cancellationToken) is { } created)
            {
                return created;
            }

            throw;
        }
    }

    private async Task<long?> FindAsync(string model, string name, CancellationToken cancellationToken)
    {
        var found = await odoo.SearchReadAsync(model, [new JsonArray("name", "=", name)], ["name"], order: "id", limit: 1,
            includeArchived: true, cancellationToken);
        return found.Count > 0 ? found[0].GetProperty("id").GetInt64() : null;
    }
}
