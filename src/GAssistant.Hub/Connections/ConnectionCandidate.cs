namespace GAssistant.Hub.Connections;

/// <summary>The configuration of some sections as it would be after a change, for the sections' validators to judge. Pure.</summary>
public static class ConnectionCandidate
{
    public static IConfiguration Build(IConfiguration current, IEnumerable<string> sections, ConnectionChange change)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            foreach (var (key, value) in current.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    values[key] = value;
                }
            }
        }

        foreach (var (key, value) in change.Values)
        {
            values.Remove(key);
            if (value is not null)
            {
                values[key] = value;
            }
        }

        foreach (var (list, items) in change.Lists)
        {
            foreach (var item in values.Keys.Where(k => ConnectionKeys.IsItemOf(k, list)).ToList())
            {
                values.Remove(item);
            }

            for (var i = 0; i < items.Count; i++)
            {
                values[ConfigurationPath.Combine(list, i.ToString(System.Globalization.CultureInfo.InvariantCulture))] = items[i];
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
