using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Connections;

/// <summary>
/// A configuration section whose connection values may be saved in Settings (<c>Odoo</c>, <c>Meta</c>…), the keys in it
/// that are secrets (stored encrypted, shown by their last four characters), and how a candidate is validated: with
/// the section's own options validators, so a value that would fail at start can never be saved.
/// </summary>
public sealed class ConnectionSection(string name, IReadOnlySet<string> secretKeys, Func<IConfiguration, IServiceProvider, IReadOnlyList<string>> validate)
{
    public string Name { get; } = name;

    public IReadOnlySet<string> SecretKeys { get; } = secretKeys;

    /// <summary>Validation failures of the section as <paramref name="candidate"/> would make it (empty: valid).</summary>
    public IReadOnlyList<string> Validate(IConfiguration candidate, IServiceProvider services) => validate(candidate, services);

    public bool IsSecret(string key) => SecretKeys.Contains(ConnectionKeys.Leaf(Name, key));
}

public static class ConnectionSectionRegistration
{
    /// <summary>Lets Settings save the <paramref name="section"/> keys of <typeparamref name="TOptions"/>.</summary>
    public static IServiceCollection AddConnectionSection<TOptions>(this IServiceCollection services, string section, params string[] secretKeys)
        where TOptions : class, new() =>
        services.AddSingleton(new ConnectionSection(section, secretKeys.ToHashSet(StringComparer.OrdinalIgnoreCase), (candidate, provider) =>
        {
            var options = new TOptions();
            candidate.GetSection(section).Bind(options);
            return [.. provider.GetServices<IValidateOptions<TOptions>>()
                .Select(v => v.Validate(Options.DefaultName, options))
                .Where(r => r.Failed)
                .SelectMany(r => r.Failures ?? [])];
        }));
}
