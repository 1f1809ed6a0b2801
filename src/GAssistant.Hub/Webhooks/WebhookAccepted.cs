namespace GAssistant.Hub.Webhooks;

/// <summary>The 200 body of every webhook route: stored (or already stored) and applicable.</summary>
public sealed record WebhookAccepted(bool Success, string Message, bool Duplicate);
