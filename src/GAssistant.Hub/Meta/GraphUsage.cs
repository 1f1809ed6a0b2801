using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>How far one limit is used (0–100 %) and, at 100 %, how long until Meta lets calls through again.</summary>
public sealed record UsageEntry(RateLimitKey Key, double Percent, TimeSpan RegainAccessIn);

/// <summary>
/// How close the app is to Meta's limits, from the usage headers of one answer
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting):
/// <c>X-Business-Use-Case-Usage: {"&lt;business object id&gt;": [{"type", "call_count", "total_cputime", "total_time",
/// "estimated_time_to_regain_access" (minutes)}]}</c>, one entry per use case of that ad account or Page;
/// <c>X-Ad-Account-Usage: {"acc_id_util_pct", "reset_time_duration" (seconds)}</c> for the called ad account; and
/// <c>X-App-Usage: {"call_count", "total_cputime", "total_time"}</c> for the whole app. Pure.
/// </summary>
public sealed record GraphUsage(IReadOnlyList<UsageEntry> Entries)
{
    public static readonly GraphUsage None = new([]);

    /// <summary>The highest usage of any limit in the answer.</summary>
    public double Percent => Entries.Count == 0 ? 0 : Entries.Max(e => e.Percent);

    /// <summary>The longest wait any limit in the answer announces.</summary>
    public TimeSpan RegainAccessIn => Entries.Count == 0 ? TimeSpan.Zero : Entries.Max(e => e.RegainAccessIn);

    /// <summary>The longest wait announced by the limits <paramref name="key"/> stands for (a blocked use case on one object).</summary>
    public TimeSpan RegainAccessFor(RateLimitKey key) =>
        Entries.Where(e => (key.UseCase is null || e.Key.UseCase is null || e.Key.UseCase == key.UseCase)
                && (key.ObjectId is null || e.Key.ObjectId is null || e.Key.ObjectId == key.ObjectId))
            .Select(e => e.RegainAccessIn).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <param name="call">The call the answer is for: <c>X-Ad-Account-Usage</c> speaks of its ad account.</param>
    public static GraphUsage Read(Func<string, string?> header, GraphScope call)
    {
        var entries = new List<UsageEntry>();
        foreach (var root in Objects(header("X-Business-Use-Case-Usage")))
        {
            foreach (var business in root.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Array))
            {
                foreach (var useCase in business.Value.EnumerateArray())
                {
                    var type = MetaNotification.Id(useCase, "type");
                    entries.Add(new UsageEntry(new RateLimitKey(type, GraphScope.BusinessObject(business.Name)),
                        MaxOf(useCase, "call_count", "total_cputime", "total_time"),
                        TimeSpan.FromMinutes(Number(useCase, "estimated_time_to_regain_access"))));
                }
            }
        }

        foreach (var account in Objects(header("X-Ad-Account-Usage")).Where(_ => call.ObjectId is not null))
        {
            var pct = Number(account, "acc_id_util_pct");
            entries.Add(new UsageEntry(new RateLimitKey(null, call.ObjectId), pct,
                pct >= 100 ? TimeSpan.FromSeconds(Number(account, "reset_time_duration")) : TimeSpan.Zero));
        }

        foreach (var app in Objects(header("X-App-Usage")))
        {
            entries.Add(new UsageEntry(RateLimitKey.App, MaxOf(app, "call_count", "total_cputime", "total_time"), TimeSpan.Zero));
        }

        return new GraphUsage(entries);
    }

    /// <summary>Slow down before 100%: no pause under 75%, then a pause growing to a full retry delay at 100%.</summary>
    public static TimeSpan PauseAt(double percent, TimeSpan retryDelay) =>
        percent < 75 ? TimeSpan.Zero : retryDelay * Math.Min(1, (percent - 75) / 25);

    private static IEnumerable<JsonElement> Objects(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            yield break;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            yield break;
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            yield return root;
        }
    }

    private static double MaxOf(JsonElement element, params string[] properties) => properties.Max(p => Number(element, p));

    private static double Number(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
        {
            return 0;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        };
    }
}
