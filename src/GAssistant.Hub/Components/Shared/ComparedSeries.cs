namespace GAssistant.Hub.Components.Shared;

/// <summary>Puts the compared period's values beside this period's in a chart.</summary>
public static class ComparedSeries
{
    /// <summary>
    /// Time buckets of the compared period matched to this period's by position (its first day against this period's
    /// first day), cut or padded with zeros to <paramref name="count"/>: periods of equal length can still differ by a
    /// bucket (a leap day, a week that starts on another weekday).
    /// </summary>
    public static IReadOnlyList<double> Align(IReadOnlyList<(string Label, double Value)> compared, int count) =>
        Enumerable.Range(0, count).Select(i => i < compared.Count ? compared[i].Value : 0).ToList();

    /// <summary>
    /// Categories of both periods in this period's order, then those only the compared period had; a category one period
    /// lacks counts 0 there. Without a comparison, this period's categories alone.
    /// </summary>
    public static (string[] Labels, double[] Values, double[]? Compared) ByLabel(IReadOnlyList<(string Label, double Value)> current,
        IReadOnlyList<(string Label, double Value)>? compared)
    {
        if (compared is null)
        {
            return (current.Select(x => x.Label).ToArray(), current.Select(x => x.Value).ToArray(), null);
        }

        var labels = current.Select(x => x.Label).Concat(compared.Select(x => x.Label)).Distinct(StringComparer.Ordinal).ToArray();
        var now = current.ToDictionary(x => x.Label, x => x.Value, StringComparer.Ordinal);
        var before = compared.ToDictionary(x => x.Label, x => x.Value, StringComparer.Ordinal);
        return (labels, labels.Select(l => now.GetValueOrDefault(l)).ToArray(), labels.Select(l => before.GetValueOrDefault(l)).ToArray());
    }
}
