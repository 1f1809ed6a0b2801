namespace GAssistant.Hub.Connections;

/// <summary>
/// Values an administrator saves together: applied in one transaction or not at all. An empty value removes the key;
/// a list replaces every item of the list.
/// </summary>
public sealed class ConnectionChange
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string?> Values => _values;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Lists => _lists;

    public IEnumerable<string> Keys => _values.Keys.Concat(_lists.Keys);

    public ConnectionChange Set(string key, string? value)
    {
        _values[key] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return this;
    }

    public ConnectionChange Remove(string key) => Set(key, null);

    public ConnectionChange SetList(string key, IEnumerable<string> values)
    {
        _lists[key] = [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
        return this;
    }

    /// <summary>What changed, by key name only (for the audit): never a value.</summary>
    public string Describe() => string.Join(", ",
        _values.Select(v => $"{v.Key} {(v.Value is null ? "removed" : "set")}")
            .Concat(_lists.Select(l => $"{l.Key} ({l.Value.Count})")));
}

/// <summary>What a save did: saved, or refused with the reasons (and then nothing was saved).</summary>
public sealed record ConnectionSaveResult(bool Saved, IReadOnlyList<string> Errors)
{
    public static ConnectionSaveResult Success { get; } = new(true, []);

    public static ConnectionSaveResult Refused(IEnumerable<string> errors) => new(false, [.. errors]);
}
