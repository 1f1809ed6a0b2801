namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>One row of the table in docs/architecture.md.</summary>
public sealed record FolderRule(string Folder, IReadOnlySet<string> MayUse, bool MayUseEvery, int? FirstEventId, int? LastEventId);

/// <summary>The "who may use whom" table of docs/architecture.md, read as the tests' rules so the two cannot drift.</summary>
public static class ArchitectureTable
{
    public static string DocumentPath => Path.Combine(HubSource.RepositoryRoot, "docs", "architecture.md");

    public static IReadOnlyDictionary<string, FolderRule> Load() => Parse(File.ReadAllLines(DocumentPath));

    public static IReadOnlyDictionary<string, FolderRule> Parse(IEnumerable<string> lines)
    {
        var rows = lines.Select(l => l.Trim())
            .Where(l => l.StartsWith('|') && !l.StartsWith("| ---", StringComparison.Ordinal) && !l.StartsWith("| Folder", StringComparison.Ordinal))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(cells => cells.Length == 4);
        var rules = new Dictionary<string, FolderRule>(StringComparer.Ordinal);
        foreach (var cells in rows)
        {
            var folder = cells[0].Trim('`');
            var every = cells[2] == "every folder";
            var mayUse = every || cells[2] == "—"
                ? new HashSet<string>(StringComparer.Ordinal)
                : cells[2].Split(',').Select(f => f.Trim().Trim('`')).ToHashSet(StringComparer.Ordinal);
            var (first, last) = cells[3] == "—" ? ((int?)null, (int?)null) : Range(cells[3]);
            rules.Add(folder, new FolderRule(folder, mayUse, every, first, last));
        }

        return rules;
    }

    private static (int?, int?) Range(string text)
    {
        var parts = text.Split(['–', '-'], StringSplitOptions.TrimEntries);
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
