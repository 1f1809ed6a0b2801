namespace GAssistant.Hub.Operations;

/// <summary>An integration's state as <c>/health</c> and Settings show it, without a network call.</summary>
public interface IIntegrationStatus
{
    string Name { get; }

    IntegrationState Current();
}

/// <param name="State"><c>configured</c>, <c>ok</c>, <c>not_configured</c>, <c>needs_reconnecting</c>, <c>degraded</c> (part of it
/// works; <see cref="Notices"/> say what does not) or <c>down</c>.</param>
/// <param name="Detail">What it means and, when something is wrong, what to do (English, for /health and logs).</param>
/// <param name="Hint">The same for a person, in the reader's language (Settings).</param>
public sealed record IntegrationState(string State, string Detail, [property: System.Text.Json.Serialization.JsonIgnore] LocalizedHint? Hint = null)
{
    /// <summary>What needs attention even while it works (a version nearing its end, a missing permission); empty when nothing does.</summary>
    public IReadOnlyList<IntegrationNotice> Notices { get; init; } = [];
}

/// <summary>One thing that needs attention.</summary>
/// <param name="Code">Stable, for scripts and for the localized text (<c>Notice.{Code}</c> in the resources), e.g. <c>api_version_expired</c>.</param>
/// <param name="Arguments">The values the localized text names, in order (a version, a date, a permission…), as invariant text.</param>
/// <param name="Detail">The same in English, for logs and scripts.</param>
public sealed record IntegrationNotice(string Code, IReadOnlyList<string> Arguments, string Detail);
