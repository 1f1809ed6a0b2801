using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// One exported table: its BigQuery definition and how to read the rows between two watermarks (exclusive, inclusive].
/// Watermarks are strings kept in SyncStates; each table defines their meaning (a sync time or a day).
/// </summary>
public abstract class ExportTable
{
    public abstract BigQueryTableSpec Spec { get; }

    public string Name => Spec.TableId;

    public abstract string InitialWatermark(DateTime now, BigQueryOptions options);

    /// <summary>The watermark a run started now may reach; rows past it wait for the next run.</summary>
    public abstract string UpperBound(DateTime now, BigQueryOptions options);

    public abstract int Compare(string a, string b);

    public abstract Task<IReadOnlyList<BigQueryRow>> ReadAsync(IServiceProvider services, string from, string to, CancellationToken cancellationToken);

    protected static BigQueryRow Row(string insertId, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return new BigQueryRow(insertId, buffer.ToArray());
    }

    /// <summary>BigQuery's canonical TIMESTAMP text (UTC, microseconds).</summary>
    protected static string? Timestamp(DateTime? value) =>
        value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) : null;

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A replica table exported by the hub's own change time (<c>SyncedAt</c>): each run appends the rows' new versions.</summary>
public abstract class SyncedAtTable : ExportTable
{
    public override string InitialWatermark(DateTime now, BigQueryOptions options) => Watermark(DateTime.MinValue);

    public override string UpperBound(DateTime now, BigQueryOptions options) => Watermark(now - options.SettleTime);

    public override int Compare(string a, string b) => Parse(a).CompareTo(Parse(b));

    public static string Watermark(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime Parse(string watermark) =>
        DateTime.Parse(watermark, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
