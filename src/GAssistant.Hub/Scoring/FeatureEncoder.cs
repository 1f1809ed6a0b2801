using System.Text.Json.Serialization;

namespace GAssistant.Hub.Scoring;

/// <summary>
/// Turns a lead's feature values into the vector the trees learn from, fitted on training rows only:
/// a number is one slot (missing → the training median) plus a "missing" slot; a category is one slot
/// per value seen at least <see cref="MinCount"/> times (at most <see cref="MaxValues"/>, most frequent
/// first) plus one for any other value. Each slot remembers its column, so contributions add up per feature.
/// Saved as JSON beside the trees.
/// </summary>
public sealed class FeatureEncoder
{
    public const int MinCount = 5;
    public const int MaxValues = 50;

    public sealed record Column(string Name, ColumnKind Kind, double Median, IReadOnlyList<string> Values);

    [JsonInclude]
    public IReadOnlyList<Column> Columns { get; private init; } = [];

    [JsonIgnore]
    public int Width => Columns.Sum(c => c.Kind == ColumnKind.Number ? 2 : c.Values.Count + 1);

    public static FeatureEncoder Fit(ScoringDataset training) => new()
    {
        Columns = training.Columns.Select((c, i) => c.Kind == ColumnKind.Number
            ? new Column(c.Name, c.Kind, Median(training.Rows.Select(r => ScoringDataset.ParseNumber(r.Values[i]))), [])
            : new Column(c.Name, c.Kind, 0, training.Rows.Select(r => r.Values[i]).OfType<string>()
                .CountBy(v => v, StringComparer.Ordinal).Where(g => g.Value >= MinCount)
                .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(MaxValues).Select(g => g.Key).ToList())).ToList(),
    };

    /// <summary>For each slot, the column it belongs to.</summary>
    public int[] SlotColumns() =>
        Columns.SelectMany((c, i) => Enumerable.Repeat(i, c.Kind == ColumnKind.Number ? 2 : c.Values.Count + 1)).ToArray();

    /// <param name="values">Values in the order of <paramref name="inputColumns"/>; columns the encoder does not know are ignored, ones it misses are missing.</param>
    public float[] Encode(IReadOnlyList<ScoringColumn> inputColumns, string?[] values)
    {
        var vector = new float[Width];
        var slot = 0;
        foreach (var column in Columns)
        {
            var index = IndexOf(inputColumns, column.Name);
            var value = index < 0 ? null : values[index];
            if (column.Kind == ColumnKind.Number)
            {
                var number = ScoringDataset.ParseNumber(value);
                vector[slot] = (float)(double.IsNaN(number) ? column.Median : number);
                vector[slot + 1] = double.IsNaN(number) ? 1 : 0;
                slot += 2;
            }
            else
            {
                if (value is not null)
                {
                    var known = IndexOf(column.Values, value);
                    vector[slot + (known < 0 ? column.Values.Count : known)] = 1;
                }

                slot += column.Values.Count + 1;
            }
        }

        return vector;
    }

    private static int IndexOf(IReadOnlyList<ScoringColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
