namespace GAssistant.Hub.Operations;

/// <summary>An integration's state as <c>/health</c> and Settings show it, without a network call.</summary>
public interface IIntegrationStatus
{
    string Name { get; }

    IntegrationState Current();
}

/// <param name="State"><c>configured</c>, <c>ok</c>, <c>not_configured</c>, <c>needs_reconnecting</c> or <c>down</c>.</param>
/// <param name="Detail">What it means and, when something is wrong, what to do.</param>
public sealed record IntegrationState(string State, string Detail);
