using System.Text.Json;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Health;

/// <summary>
/// Keeps the <see cref="HealthBoard"/> in <c>SyncStates</c> (<c>health.board</c>) after every run and puts it back when
/// the hub starts. Without it a restart (an update, a reboot) while a check was failing was a change: a second alert
/// email for the same problem, the banner gone until the first run, and the check's <c>since</c> reset to the restart.
/// The copy is written after the run's reactions, so a crash between the alert and the save repeats the alert rather than
/// losing it. A copy that cannot be read (written by another version) is left and the first run starts afresh.
/// </summary>
public sealed partial class HealthBoardStore(HubDbContext db, HealthBoard board, TimeProvider clock, ILogger<HealthBoardStore> logger)
{
    public const string StateName = "health.board";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var value = JsonSerializer.Serialize(board.Snapshot(), Json);
        var row = await db.SyncStates.FindAsync([StateName], cancellationToken);
        if (row is null)
        {
            row = new SyncState { Name = StateName };
            db.SyncStates.Add(row);
        }

        row.Value = value;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether a kept board was put back.</summary>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken)
    {
        var row = await db.SyncStates.FindAsync([StateName], cancellationToken);
        if (row is null)
        {
            return false;
        }

        HealthBoardSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<HealthBoardSnapshot>(row.Value, Json);
        }
        catch (JsonException e)
        {
            Log.Unreadable(logger, e);
            return false;
        }

        if (snapshot?.Checks is null || !board.Restore(snapshot with { Checks = [.. snapshot.Checks.Where(c => c?.Result?.Key is not null)] }))
        {
            return false;
        }

        Log.Restored(logger, snapshot.Checks.Count, snapshot.LastRunAt);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3513, Level = LogLevel.Information, Message = "Put back {Count} connection checks as they stood at {LastRunAt:u}")]
        public static partial void Restored(ILogger logger, int count, DateTimeOffset? lastRunAt);

        [LoggerMessage(EventId = 3514, Level = LogLevel.Warning, Message = "The kept connection checks could not be read; the first run starts afresh")]
        public static partial void Unreadable(ILogger logger, Exception exception);
    }
}
