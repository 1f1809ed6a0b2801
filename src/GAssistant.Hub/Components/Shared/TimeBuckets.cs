using System.Globalization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>Daily values put in day, week or month buckets so a chart has at most about 60 points.</summary>
public static class TimeBuckets
{
    public static IReadOnlyList<(string Label, double Value)> Group(IReadOnlyList<(DateOnly Day, double Value)> days, DayRange range) =>
        GroupMany(days.Select(d => (d.Day, new[] { d.Value })).ToList(), range).Select(b => (b.Label, b.Values[0])).ToList();

    public static IReadOnlyList<(string Label, double[] Values)> GroupMany(IReadOnlyList<(DateOnly Day, double[] Values)> days, DayRange range)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var first = range.From ?? days.Min(d => d.Day);
        var last = range.To ?? days.Max(d => d.Day);
        var span = last.DayNumber - first.DayNumber + 1;
        Func<DateOnly, DateOnly> bucket = span <= 62 ? d => d : span <= 400 ? d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)) : d => new DateOnly(d.Year, d.Month, 1);
        var width = days[0].Values.Length;
        var sums = new SortedDictionary<DateOnly, double[]>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            sums.TryAdd(bucket(d), new double[width]);
        }

        foreach (var (day, values) in days)
        {
            var key = bucket(day);
            if (!sums.TryGetValue(key, out var total))
            {
                sums[key] = total = new double[width];
            }

            for (var i = 0; i < width; i++)
            {
                total[i] += values[i];
            }
        }

        var format = span <= 400 ? "dd/MM" : "MM/yyyy";
        return sums.Select(s => (s.Key.ToString(format, CultureInfo.InvariantCulture), s.Value)).ToList();
    }
}
