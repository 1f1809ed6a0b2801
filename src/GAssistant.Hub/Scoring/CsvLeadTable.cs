using System.Text;

namespace GAssistant.Hub.Scoring;

/// <summary>
/// Reads a CSV of closed leads (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into a
/// <see cref="ScoringDataset"/>: a column whose every present value is a number is a number, any other
/// is a category; empty and placeholder values ("NA", "Select", "?"…) are missing.
/// </summary>
public static class CsvLeadTable
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase) { "", "NA", "N/A", "null", "Select", "-", "?" };
    private static readonly HashSet<string> WonWords = new(StringComparer.OrdinalIgnoreCase) { "won", "1", "true", "yes" };
    private static readonly HashSet<string> LostWords = new(StringComparer.OrdinalIgnoreCase) { "lost", "0", "false", "no" };

    /// <summary>A CSV that cannot be read as closed leads; the message says what to fix.</summary>
    public sealed class CsvLeadException(string message) : Exception(message);

    public sealed record Result(ScoringDataset Data, int SkippedWithoutTarget, IReadOnlyList<string> ExcludedColumns);

    public static bool IsMissing(string? value) => value is null || Placeholders.Contains(value.Trim());

    public static Result Read(TextReader reader, string target, IReadOnlyCollection<string> exclude)
    {
        using var records = Records(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new CsvLeadException("The CSV is empty.");
        }

        var header = records.Current.Select(h => h.Trim()).ToArray();
        var targetIndex = Array.FindIndex(header, h => string.Equals(h, target, StringComparison.OrdinalIgnoreCase));
        if (targetIndex < 0)
        {
            throw new CsvLeadException($"No column '{target}' in the CSV; its columns are: {string.Join(", ", header.Where(h => h.Length > 0))}.");
        }

        var unknown = exclude.Where(e => !header.Contains(e, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new CsvLeadException($"--exclude names no column of the CSV: {string.Join(", ", unknown)}.");
        }

        // A trailing comma on every line makes a nameless column: it carries nothing.
        var features = Enumerable.Range(0, header.Length)
            .Where(i => i != targetIndex && header[i].Length > 0 && !exclude.Contains(header[i], StringComparer.OrdinalIgnoreCase))
            .ToArray();
        var values = new List<string?[]>();
        var outcomes = new List<bool>();
        var skipped = 0;
        var line = 1;
        while (records.MoveNext())
        {
            line++;
            var record = records.Current;
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            var targetText = targetIndex < record.Count ? record[targetIndex].Trim() : "";
            if (IsMissing(targetText))
            {
                skipped++;
                continue;
            }

            if (!WonWords.Contains(targetText) && !LostWords.Contains(targetText))
            {
                throw new CsvLeadException($"Record {line}: '{targetText}' in '{header[targetIndex]}' is not an outcome (won/lost, 1/0, true/false, yes/no).");
            }

            outcomes.Add(WonWords.Contains(targetText));
            values.Add(features.Select(i => i < record.Count && !IsMissing(record[i]) ? record[i].Trim() : null).ToArray());
        }

        var columns = features.Select((source, f) => new ScoringColumn(header[source], KindOf(values, f))).ToList();
        var rows = values.Select((v, i) => new ScoringExample(v, outcomes[i])).ToList();
        var excluded = header.Where(h => exclude.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        return new Result(new ScoringDataset(columns, rows), skipped, excluded);
    }

    private static ColumnKind KindOf(List<string?[]> rows, int column)
    {
        var any = false;
        foreach (var row in rows)
        {
            if (row[column] is { } value)
            {
                if (double.IsNaN(ScoringDataset.ParseNumber(value)))
                {
                    return ColumnKind.Category;
                }

                any = true;
            }
        }

        return any ? ColumnKind.Number : ColumnKind.Category;
    }

    /// <summary>RFC 4180 records, https://www.rfc-editor.org/rfc/rfc4180#section-2 .</summary>
    private static IEnumerable<List<string>> Records(TextReader reader)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
                any = false;
            }
            else
            {
                field.Append(ch);
            }
        }

        if (any)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
