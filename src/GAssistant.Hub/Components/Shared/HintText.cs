using GAssistant.Hub.Operations;
using Microsoft.Extensions.Localization;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// A <see cref="LocalizedHint"/> as a sentence in the reader's language. Its text arguments (configuration keys,
/// addresses, messages from Odoo or Meta) are wrapped in Unicode first-strong isolates (U+2068 … U+2069, UAX #9), so
/// <c>Odoo:WebhookSecret.</c> keeps its order and the sentence's full stop stays at the sentence's end in Arabic.
/// </summary>
public static class HintText
{
    public const char Isolate = '\u2068';
    public const char PopIsolate = '\u2069';

    /// <summary>The integration's hint in the reader's language, or its English detail when it gives no hint.</summary>
    public static string Render(IStringLocalizer localizer, IntegrationState state) =>
        state.Hint is { } hint ? Render(localizer, hint) : state.Detail;

    public static string Render(IStringLocalizer localizer, LocalizedHint hint) =>
        localizer[hint.Key, hint.Args.Select(a => Argument(localizer, a)).ToArray()].Value;

    private static object Argument(IStringLocalizer localizer, object argument) => argument switch
    {
        LocalizedHint inner => Render(localizer, inner),
        DateTime at => Isolated(Fmt.DateTimeText(at)),
        DateTimeOffset at => Isolated(Fmt.DateTimeText(at.UtcDateTime)),
        int or long or decimal or double => Fmt.Args([argument])[0],
        _ => Isolated(argument.ToString() ?? ""),
    };

    public static string Isolated(string text) => $"{Isolate}{text}{PopIsolate}";
}
