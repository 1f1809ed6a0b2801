using System.Globalization;

namespace GAssistant.Hub.Odoo;

/// <summary>Odoo writes datetimes as naive UTC strings ("2024-01-08 10:30:00"); a zone, when present, is honoured.</summary>
public static class OdooTime
{
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }
}
