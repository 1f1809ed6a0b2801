using GAssistant.Hub.Data;

namespace GAssistant.Hub.Outbox;

/// <summary>
/// Sends one kind of outbox message. It may run more than once for the same message (a crash
/// after the call, before the "sent" mark), so it must be idempotent: look the result up first.
/// Throw to retry; throw <see cref="PermanentOutboxException"/> to stop retrying.
/// </summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>A failure that retrying cannot fix (bad data); the message is marked failed at once.</summary>
public sealed class PermanentOutboxException(string message, Exception? inner = null) : Exception(message, inner);
