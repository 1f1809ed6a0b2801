using System.Globalization;

namespace GAssistant.Hub.Scoring;

/// <summary>How a feature is read: a category (text compared as is) or a number.</summary>
public enum ColumnKind
{
    Category = 0,
    Number = 1,
}

/// <summary>One feature of a lead known when it arrives (source, country, hour of arrival, a form answer…).</summary>
public sealed record ScoringColumn(string Name, ColumnKind Kind);

/// <summary>A lead as feature values, one raw text per column (<c>null</c> = missing), and its outcome if closed.</summary>
public sealed record ScoringExample(string?[] Values, bool Won);

/// <summary>Closed leads as a table: the input of training, the baseline and cross-validation.</summary>
public sealed record ScoringDataset(IReadOnlyList<ScoringColumn> Columns, IReadOnlyList<ScoringExample> Rows)
{
    public int Won => Rows.Count(r => r.Won);

    public int Lost => Rows.Count - Won;

    /// <summary>The same leads without the named columns.</summary>
    public ScoringDataset Without(IReadOnlySet<string> names)
    {
        if (names.Count == 0)
        {
            return this;
        }

        var keep = Enumerable.Range(0, Columns.Count).Where(i => !names.Contains(Columns[i].Name)).ToArray();
        return new ScoringDataset(
            keep.Select(i => Columns[i]).ToList(),
            Rows.Select(r => new ScoringExample(keep.Select(i => r.Values[i]).ToArray(), r.Won)).ToList());
    }

    /// <summary>The rows whose position <paramref name="take"/> accepts.</summary>
    public ScoringDataset Subset(Func<int, bool> take) =>
        new(Columns, Rows.Where((_, i) => take(i)).ToList());

    /// <summary>Numbers are written and read in the invariant culture; NaN stands for missing.</summary>
    public static double ParseNumber(string? value) =>
        value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : double.NaN;
}
