using System.Text.RegularExpressions;

namespace GAssistant.Hub.Tests;

/// <summary>
/// docs/architecture.md: which feature folder may use which, and each folder's range of log event ids. C# sees another
/// folder's types only through a <c>using</c> (<c>@using</c> in Razor) or a qualified name, since every file's namespace
/// is its folder; so reading those names in the source finds every import between folders.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly IReadOnlyList<SourceFile> Source = HubSource.Load();
    private static readonly IReadOnlyDictionary<string, FolderRule> Rules = ArchitectureTable.Load();

    [Fact]
    public void Every_folder_uses_only_the_folders_its_row_allows() =>
        Assert.Empty(ForbiddenImports(Source, Rules));

    [Fact]
    public void A_forbidden_using_or_qualified_name_is_reported_and_one_in_a_comment_or_string_is_not()
    {
        SourceFile[] files =
        [
            new("Webhooks/InboxWorker.cs", "using GAssistant.Hub.Odoo;\nnamespace GAssistant.Hub.Webhooks;\n// GAssistant.Hub.Meta\nvar s = \"GAssistant.Hub.Meta\";"),
            new("Data/Lead.cs", "namespace GAssistant.Hub.Data;\nclass Lead { GAssistant.Hub.Crm.LeadDto? Dto; char q = '\"'; }"),
            new("Outbox/OutboxWorker.razor", "@using GAssistant.Hub.Components.Shared\n@* GAssistant.Hub.Meta *@"),
        ];

        Assert.Equal(
            ["Webhooks/InboxWorker.cs uses Odoo", "Data/Lead.cs uses Crm", "Outbox/OutboxWorker.razor uses Components"],
            ForbiddenImports(files, Rules));
    }

    [Fact]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Source.Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal) && f.Path != "Program.cs")
            .Select(f => (f.Path, Declared: NamespaceDeclaration().Match(f.Names).Groups[1].Value, Expected: ExpectedNamespace(f.Path)))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{f.Path} declares '{f.Declared}', expected '{f.Expected}'");
        Assert.Empty(wrong);
        Assert.DoesNotContain(Source, f => f.Path.EndsWith(".razor", StringComparison.Ordinal) && f.Names.Contains("@namespace", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_folder_of_the_hub_has_a_row_and_every_row_names_folders_that_exist()
    {
        var folders = Source.Select(f => f.Folder).Where(f => f.Length > 0).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(folders.Order(StringComparer.Ordinal), Rules.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Rules.Values.SelectMany(r => r.MayUse.Where(u => !folders.Contains(u)).Select(u => $"{r.Folder} → {u}")));
    }

    [Fact]
    public void The_allowed_directions_form_no_cycle()
    {
        var uses = Rules.Values.ToDictionary(r => r.Folder, r => r.MayUseEvery ? Rules.Keys.Where(k => k != r.Folder).ToHashSet() : r.MayUse.ToHashSet());
        var done = new HashSet<string>();
        var path = new List<string>();

        string? Cycle(string folder)
        {
            if (path.Contains(folder)) return string.Join(" → ", path.SkipWhile(f => f != folder).Append(folder));
            if (!done.Add(folder)) return null;
            path.Add(folder);
            var found = uses.GetValueOrDefault(folder, []).Select(Cycle).FirstOrDefault(c => c is not null);
            path.RemoveAt(path.Count - 1);
            return found;
        }

        Assert.Null(Rules.Keys.Select(Cycle).FirstOrDefault(c => c is not null));
    }

    [Fact]
    public void Every_log_event_id_lies_in_its_folder_range_and_is_used_once()
    {
        var ids = Source.SelectMany(f => EventIdAssignment().Matches(f.Names).Select(m => (f.Path, f.Folder, Id: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.Where(e => Rules.GetValueOrDefault(e.Folder) is not { FirstEventId: { } first, LastEventId: { } last } || e.Id < first || e.Id > last)
            .Select(e => $"{e.Path}: {e.Id} is outside {e.Folder}'s range"));
        Assert.Empty(ids.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Path))}"));
    }

    internal static List<string> ForbiddenImports(IEnumerable<SourceFile> files, IReadOnlyDictionary<string, FolderRule> rules) =>
        files.Where(f => f.Folder.Length > 0 && rules.GetValueOrDefault(f.Folder) is not { MayUseEvery: true })
            .SelectMany(f => HubNamespace().Matches(f.Names).Select(m => m.Groups[1].Value).Distinct()
                .Where(used => used != f.Folder && rules.GetValueOrDefault(f.Folder)?.MayUse.Contains(used) != true)
                .Select(used => $"{f.Path} uses {used}"))
            .ToList();

    private static string ExpectedNamespace(string path) =>
        string.Join('.', ["GAssistant", "Hub", .. path.Split('/')[..^1]]);

    [GeneratedRegex(@"\bGAssistant\.Hub\.([A-Za-z_]\w*)")]
    private static partial Regex HubNamespace();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bEventId\s*(?:=|\()\s*(\d+)")]
    private static partial Regex EventIdAssignment();
}
