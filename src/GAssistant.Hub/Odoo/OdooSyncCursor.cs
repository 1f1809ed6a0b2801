using System.Globalization;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Where the reconciliation pull of one model stands: everything written before <see cref="Second"/>
/// is in the replica, and so are the records written within that second up to <see cref="Id"/>.
/// Odoo keeps <c>write_date</c> with microseconds but answers it rounded down to the second, so
/// <c>write_date = '…:13'</c> matches nothing and <c>write_date &gt; '…:13'</c> matches the whole second
/// again; the cursor therefore pages within a second by id (<see cref="RestOfSecond"/>) and across
/// seconds by <c>write_date</c> (<see cref="Later"/>). Kept in the SyncStates table.
/// </summary>
public sealed record OdooSyncCursor(DateTime? Second, long Id)
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    public static readonly OdooSyncCursor Start = new(null, 0);

    public static string StateName(string model) => $"odoo.sync.{model}";

    /// <summary>
    /// The records of the cursor's second not yet read, by id; <paramref name="read"/> are records of that second this run
    /// already has (a full page by <c>write_date</c> that ended inside the second), so they are not read twice.
    /// </summary>
    public JsonArray RestOfSecond(IReadOnlyCollection<long>? read = null)
    {
        var domain = new JsonArray
        {
            new JsonArray("write_date", ">=", Text(Second!.Value)),
            new JsonArray("write_date", "<", Text(Second.Value.AddSeconds(1))),
            new JsonArray("id", ">", Id),
        };
        if (read is { Count: > 0 })
        {
            domain.Add(new JsonArray("id", "not in", new JsonArray([.. read.Order().Select(id => JsonValue.Create(id))])));
        }

        return domain;
    }

    /// <summary>Everything written after the cursor's second (everything at the start).</summary>
    public JsonArray Later() => Second is { } second ? [new JsonArray("write_date", ">=", Text(second.AddSeconds(1)))] : [];

    /// <summary>
    /// The rest of the cursor's second and everything after it, in one page: what follows a full page that ended inside that
    /// second, <paramref name="read"/> being its records of that second. A record of <paramref name="read"/> written again
    /// since is in a later second, and read again there.
    /// </summary>
    public JsonArray FromSecond(IReadOnlyCollection<long> read) =>
    [
        new JsonArray("write_date", ">=", Text(Second!.Value)),
        "|",
        new JsonArray("write_date", ">=", Text(Second.Value.AddSeconds(1))),
        new JsonArray("id", "not in", new JsonArray([.. read.Order().Select(id => JsonValue.Create(id))])),
    ];

    /// <summary>Where a run starts: <paramref name="overlap"/> earlier, to catch changes committed late.</summary>
    public OdooSyncCursor Rewound(TimeSpan overlap) =>
        Second is { } second && overlap > TimeSpan.Zero ? new OdooSyncCursor(second - overlap, 0) : this;

    public static DateTime TruncateToSecond(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    public override string ToString() => Second is { } second ? $"{Text(second)}|{Id}" : "";

    public static OdooSyncCursor Parse(string? value)
    {
        var parts = (value ?? "").Split('|');
        return parts.Length == 2
            && DateTime.TryParseExact(parts[0], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var second)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new OdooSyncCursor(second, id)
                : Start;
    }

    private static string Text(DateTime time) => time.ToString(Format, CultureInfo.InvariantCulture);
}
