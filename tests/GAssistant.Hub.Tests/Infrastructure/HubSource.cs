using System.Text;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>A source file of src/GAssistant.Hub: its path there ("Odoo/OdooSync.cs"), its feature folder, and its code.</summary>
public sealed record SourceFile(string Path, string Code)
{
    /// <summary>The top folder ("Odoo"), or "" for the files at the root (Program.cs, HubApplication.cs).</summary>
    public string Folder => Path.Contains('/', StringComparison.Ordinal) ? Path[..Path.IndexOf('/', StringComparison.Ordinal)] : "";

    /// <summary>The code without comments, string and character literals: what the compiler reads as names.</summary>
    public string Names { get; } = HubSource.StripLiterals(Code);
}

/// <summary>Reads the hub's source from the repository the tests were built from.</summary>
public static class HubSource
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ProjectDirectory => System.IO.Path.Combine(RepositoryRoot, "src", "GAssistant.Hub");

    public static IReadOnlyList<SourceFile> Load()
    {
        var root = ProjectDirectory;
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal))
            .Select(p => System.IO.Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(p, File.ReadAllText(System.IO.Path.Combine(root, p))))
            .ToList();
    }

    /// <summary>
    /// Blanks out comments (//, /* */, Razor's @* *@) and literals ("…", @"…", """…""", '…'), keeping line breaks,
    /// so that a name mentioned in prose or in a message is not taken for a reference.
    /// </summary>
    public static string StripLiterals(string code)
    {
        var result = new StringBuilder(code.Length);
        var i = 0;
        while (i < code.Length)
        {
            var end = LiteralEnd(code, i);
            if (end > i)
            {
                result.Append(' ').Append(code.AsSpan(i, end - i).ToString().Where(c => c == '\n').ToArray());
                i = end;
            }
            else
            {
                result.Append(code[i++]);
            }
        }

        return result.ToString();
    }

    /// <summary>Where the comment or literal starting at <paramref name="i"/> ends, or <paramref name="i"/> when none starts there.</summary>
    private static int LiteralEnd(string code, int i)
    {
        string Rest(int length) => code.Substring(i, Math.Min(length, code.Length - i));
        int After(string terminator, int from) => code.IndexOf(terminator, from, StringComparison.Ordinal) is var at and >= 0 ? at + terminator.Length : code.Length;

        if (Rest(2) == "//") return code.IndexOf('\n', i) is var newline and >= 0 ? newline : code.Length;
        if (Rest(2) == "/*") return After("*/", i + 2);
        if (Rest(2) == "@*") return After("*@", i + 2);
        var start = i;
        while (start < code.Length && code[start] is '$' or '@' && start - i < 3) start++;
        if (start >= code.Length || code[start] != '"') return code[i] == '\'' ? CharEnd(code, i) : i;
        if (code[start..].StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            var quotes = 3;
            while (start + quotes < code.Length && code[start + quotes] == '"') quotes++;
            return After(new string('"', quotes), start + quotes);
        }

        var verbatim = code.AsSpan(i, start - i).Contains('@');
        for (var j = start + 1; j < code.Length; j++)
        {
            if (!verbatim && code[j] == '\\') j++;
            else if (verbatim && code[j] == '"' && j + 1 < code.Length && code[j + 1] == '"') j++;
            else if (code[j] == '"' || (!verbatim && code[j] == '\n')) return j + 1;
        }

        return code.Length;
    }

    /// <summary>'x', '\n', '\u0041'; an apostrophe in Razor markup text is left alone.</summary>
    private static int CharEnd(string code, int i)
    {
        var close = code.IndexOf('\'', i + (code.Length > i + 1 && code[i + 1] == '\\' ? 3 : 2));
        return close > i && close - i <= 7 && !code.AsSpan(i, close - i).Contains('\n') ? close + 1 : i;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GAssistant.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("GAssistant.slnx not found above " + AppContext.BaseDirectory);
    }
}
