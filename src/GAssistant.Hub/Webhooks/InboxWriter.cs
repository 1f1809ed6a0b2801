using System.Data.Common;
using System.Threading.Channels;
using GAssistant.Hub.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GAssistant.Hub.Webhooks;

/// <summary>A webhook delivery to store in the inbox.</summary>
public sealed record InboxWrite(string Source, string DeliveryId, string EventType, string Payload, DateTime ReceivedAt);

/// <summary>
/// Stores webhook deliveries durably before they are acknowledged. Concurrent requests are
/// committed together in one transaction (group commit): each request still waits for its own
/// commit, but the database pays one commit for many events, which is what lets SQLite, with a
/// single writer, take thousands of signed events a second.
/// </summary>
public sealed partial class InboxWriter(HubDatabase database, SqliteWriteGate gate, IInboxNotifier notifier, StorageSpace storage, ILogger<InboxWriter> logger) : BackgroundService
{
    private const int MaxBatch = 512;

    private const string InsertSql = """
        INSERT INTO inbox_events (source, delivery_id, event_type, payload, received_at, status, attempts, next_attempt_at)
        VALUES (@source, @delivery_id, @event_type, @payload, @received_at, 0, 0, @received_at)
        ON CONFLICT (source, delivery_id) DO NOTHING
        """;

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _lastFlush;

    /// <summary>True while deliveries are arriving (one was stored in the last 100 ms).</summary>
    public bool IsBusy => Environment.TickCount64 - Interlocked.Read(ref _lastFlush) < 100;

    /// <summary>Stores the delivery; true when it is new, false when this delivery id was already stored.</summary>
    public async Task<bool> WriteAsync(InboxWrite write, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite(write);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was accepted into the queue; requests are already drained by the server.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            await FlushAsync(batch);
            batch.Clear();
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        try
        {
            Interlocked.Exchange(ref _lastFlush, Environment.TickCount64);
            var inserted = await InsertAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(inserted[i]);
            }

            storage.ReportWritable();
            notifier.Notify();
        }
        catch (Exception ex) when (StorageSpace.IsStorageFull(ex))
        {
            // Nothing of the batch was committed and no row is to blame: every sender gets 503 and retries.
            storage.ReportFull(ex);
            foreach (var item in batch)
            {
                item.Completion.TrySetException(ex);
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad row must not fail its neighbours: retry them one at a time.
            Log.BatchFailed(logger, batch.Count, ex);
            foreach (var item in batch)
            {
                await FlushAsync([item]);
            }
        }
        catch (Exception ex)
        {
            Log.WriteFailed(logger, batch[0].Write.Source, ex);
            batch[0].Completion.TrySetException(ex);
        }
    }

    private async Task<bool[]> InsertAsync(List<PendingWrite> batch)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = SqliteWalInterceptor.Pragmas;
            await pragma.ExecuteNonQueryAsync();
        }

        using var turn = await gate.EnterUrgentAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertSql;
        var source = AddParameter(command, "@source");
        var deliveryId = AddParameter(command, "@delivery_id");
        var eventType = AddParameter(command, "@event_type");
        var payload = AddParameter(command, "@payload");
        var receivedAt = AddParameter(command, "@received_at");

        var inserted = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var write = batch[i].Write;
            source.Value = write.Source;
            deliveryId.Value = write.DeliveryId;
            eventType.Value = write.EventType;
            payload.Value = write.Payload;
            receivedAt.Value = write.ReceivedAt;
            inserted[i] = await command.ExecuteNonQueryAsync() == 1;
        }

        await transaction.CommitAsync();
        return inserted;
    }

    private DbConnection Open() => database.Kind == DatabaseKind.Postgres
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed class PendingWrite(InboxWrite write)
    {
        public InboxWrite Write { get; } = write;
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Storing a batch of {Count} webhook deliveries failed; storing them one by one")]
        public static partial void BatchFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Storing a {Source} webhook delivery failed")]
        public static partial void WriteFailed(ILogger logger, string source, Exception exception);
    }
}
