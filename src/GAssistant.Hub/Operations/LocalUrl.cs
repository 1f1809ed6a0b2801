namespace GAssistant.Hub.Operations;

/// <summary>
/// Whether a return address stays on this site, by the rule ASP.NET Core's <c>LocalRedirect</c> enforces
/// (a path starting with one <c>/</c>, not <c>//</c> or <c>/\</c>, without control characters, or <c>~/</c>):
/// checking with the same rule means a refused address falls back to a default instead of throwing. Pure.
/// </summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !HasControlCharacter(url.AsSpan(1)));
        }

        return url.Length > 1 && url[0] == '~' && url[1] == '/'
            && (url.Length == 2 || (url[2] != '/' && url[2] != '\\' && !HasControlCharacter(url.AsSpan(2))));
    }

    /// <summary><paramref name="url"/> when it is local, else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;

    private static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
