namespace GAssistant.Hub.Insights;

public enum InsightLevel
{
    Info = 0,
    Warning = 1,
    Opportunity = 2,
}

/// <summary>
/// A recommendation computed from the data. <see cref="Code"/> names the page strings
/// (<c>Insight.{Code}.Title</c>, <c>Insight.{Code}.Why</c>) that <see cref="Args"/> fill, so the reason is shown
/// in the reader's language with the numbers behind it.
/// </summary>
public sealed record Insight(string Code, InsightLevel Level, string Subject, IReadOnlyList<object> Args);
