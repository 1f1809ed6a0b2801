using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>Options as the client reads them, for tests that build the client directly.</summary>
public sealed class FixedOptions(OdooOptions value) : IOptionsMonitor<OdooOptions>
{
    public OdooOptions CurrentValue => value;

    public OdooOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<OdooOptions, string?> listener) => null;

    public static OdooOptions Odoo(string database = OdooFixtures.Database, string key = OdooFixtures.Password) => new()
    {
        Url = OdooFixtures.Url,
        Database = database,
        Username = OdooFixtures.Login,
        ApiKey = key,
    };
}
