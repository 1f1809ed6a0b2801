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

/// <summary>
/// A handler that can send several messages of its kind in one call (an API taking batches). The outbox hands it the
/// messages of one claim, oldest first, and records each one's outcome on its own.
/// </summary>
public interface IOutboxBatchHandler : IOutboxHandler
{
    /// <summary>The most messages one call takes.</summary>
    int MaxBatch { get; }

    /// <returns>One outcome per message, in order: null when it was sent, else the failure (handled like a thrown one).</returns>
    Task<IReadOnlyList<Exception?>> SendBatchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}

/// <summary>A failure that retrying cannot fix (bad data); the message is marked failed at once.</summary>
public sealed class PermanentOutboxException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A failure only a change of configuration fixes (an expired API version, a permission not granted): the message is marked
/// failed at once, with <see cref="WaitingFor"/> saying what it waits for, so it can be re-armed when that is fixed
/// (<see cref="OutboxRearm"/>) instead of burning its attempts.
/// </summary>
/// <param name="waitingFor">A stable key of the missing configuration, owned by the handler's feature (e.g. <c>meta.api_version:v23.0</c>).</param>
public sealed class ConfigurationOutboxException(string waitingFor, string message, Exception? inner = null) : Exception(message, inner)
{
    public string WaitingFor { get; } = waitingFor;
}

/// <summary>The other side asks to come back later (a rate limit): the message is tried again then, and the wait does not use up its attempts.</summary>
public sealed class RetryLaterOutboxException(TimeSpan retryIn, string message, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryIn { get; } = retryIn;
}
