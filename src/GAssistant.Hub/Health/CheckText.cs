using GAssistant.Hub.Localization;

namespace GAssistant.Hub.Health;

/// <summary>A check's words in a language: what is checked, what was found, what to do (<c>Check.*</c> in the resources).</summary>
public static class CheckText
{
    public static string Subject(CheckResult result, string language) => Strings.Get($"Check.Kind.{result.Kind}", language, result.Name);

    public static string Finding(CheckResult result, string language) => Strings.Get($"Check.{result.Code}", language, [.. result.Arguments]);

    public static string Action(CheckResult result, string language) => Strings.Get($"Check.{result.Code}.Do", language, [.. result.Arguments]);

    public static string State(CheckState state, string language) => Strings.Get($"Check.State.{state.ToString().ToLowerInvariant()}", language);
}
