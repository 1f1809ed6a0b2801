using GAssistant.Hub.Data;

namespace GAssistant.Hub.Connections;

/// <summary>Turns a change into row updates, inserts and deletes on the tracked rows (saved by the caller in one transaction).</summary>
internal static class ConnectionRows
{
    public static void Apply(HubDbContext db, List<ConnectionSetting> rows, ConnectionChange change, Func<string, bool> isSecret,
        Func<string, string> protect, DateTime now, string changedBy)
    {
        var wanted = new Dictionary<string, string?>(change.Values, StringComparer.OrdinalIgnoreCase);
        foreach (var (list, items) in change.Lists)
        {
            foreach (var row in rows.Where(r => ConnectionKeys.IsItemOf(r.Key, list)))
            {
                wanted[row.Key] = null;
            }

            for (var i = 0; i < items.Count; i++)
            {
                wanted[ConfigurationPath.Combine(list, i.ToString(System.Globalization.CultureInfo.InvariantCulture))] = items[i];
            }
        }

        foreach (var (key, value) in wanted)
        {
            var row = rows.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase));
            if (value is null)
            {
                if (row is not null)
                {
                    db.ConnectionSettings.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new ConnectionSetting { Key = key };
                db.ConnectionSettings.Add(row);
            }

            var secret = isSecret(key);
            (row.Value, row.IsSecret, row.UpdatedAt, row.UpdatedBy) = (secret ? protect(value) : value, secret, now, changedBy);
        }
    }
}
