namespace GAssistant.Hub.Connections;

/// <summary>Configuration key arithmetic (<c>Meta:PageIds:0</c> is item 0 of the list <c>Meta:PageIds</c>). Pure.</summary>
public static class ConnectionKeys
{
    public static string Section(string key) => key.Split(ConfigurationPath.KeyDelimiter, 2)[0];

    /// <summary>The key without its section, <c>Smtp:Password</c> for <c>Reports:Smtp:Password</c>.</summary>
    public static string Leaf(string section, string key) =>
        key.Length > section.Length + 1 ? key[(section.Length + 1)..] : key;

    /// <summary>The list a key is an item of (<c>Meta:PageIds</c> for <c>Meta:PageIds:3</c>), or null.</summary>
    public static string? ListOf(string key)
    {
        var last = ConfigurationPath.GetSectionKey(key);
        return int.TryParse(last, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? ConfigurationPath.GetParentPath(key)
            : null;
    }

    public static bool IsItemOf(string key, string list) =>
        key.StartsWith(list + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase) && ListOf(key) is { } parent
        && string.Equals(parent, list, StringComparison.OrdinalIgnoreCase);

    /// <summary>What Settings shows of a secret: its last four characters, never more (and nothing of a short one).</summary>
    public static string Masked(string secret) => secret.Length >= 12 ? "••••" + secret[^4..] : "••••";
}
