using System.Globalization;
using System.Resources;

namespace GAssistant.Hub.Localization;

/// <summary>
/// The page resources in a language chosen by the caller rather than by the request, for text that leaves the page
/// (an invitation email written in both languages).
/// </summary>
public static class Strings
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    public static string Get(string key, string language, params object[] args)
    {
        var culture = HubCultures.For(language);
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
