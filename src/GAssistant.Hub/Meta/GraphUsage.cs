using System.Globalization;
using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>
/// How close the app is to Meta's limits, from the usage headers
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting):
/// <c>X-Business-Use-Case-Usage: {"&lt;business id&gt;": [{"type", "call_count", "total_cputime", "total_time",
/// "estimated_time_to_regain_access" (minutes)}]}</c>, <c>X-Ad-Account-Usage: {"acc_id_util_pct",
/// "reset_time_duration" (seconds)}</c> and <c>X-App-Usage: {"call_count", "total_cputime", "total_time"}</c>. Pure.
/// </summary>
public sealed record GraphUsage(double Percent, TimeSpan RegainAccessIn)
{
    public static readonly GraphUsage None = new(0, TimeSpan.Zero);

    public static GraphUsage Read(Func<string, string?> header)
    {
        double percent = 0;
        var regain = TimeSpan.Zero;
        foreach (var root in Objects(header("X-Business-Use-Case-Usage")))
        {
            foreach (var business in root.EnumerateObject())
            {
                if (business.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var useCase in business.Value.EnumerateArray())
                {
                    percent = Math.Max(percent, MaxOf(useCase, "call_count", "total_cputime", "total_time"));
                    var minutes = Number(useCase, "estimated_time_to_regain_access");
                    regain = TimeSpan.FromMinutes(Math.Max(regain.TotalMinutes, minutes));
                }
            }
        }

        foreach (var account in Objects(header("X-Ad-Account-Usage")))
        {
            var pct = Number(account, "acc_id_util_pct");
            percent = Math.Max(percent, pct);
            if (pct >= 100)
            {
                regain = TimeSpan.FromSeconds(Math.Max(regain.TotalSeconds, Number(account, "reset_time_duration")));
            }
        }

        foreach (var app in Objects(header("X-App-Usage")))
        {
            percent = Math.Max(percent, MaxOf(app, "call_count", "total_cputime", "total_time"));
        }

        return new GraphUsage(percent, regain);
    }

    /// <summary>Slow down before 100%: no pause under 75%, then a pause growing to a full retry delay at 100%.</summary>
    public TimeSpan PauseBeforeNextCall(TimeSpan retryDelay) =>
        Percent < 75 ? TimeSpan.Zero : retryDelay * Math.Min(1, (Percent - 75) / 25);

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
