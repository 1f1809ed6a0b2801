using System.Data.Common;

namespace GAssistant.Hub.Data;

/// <summary>
/// A save that PostgreSQL chose as a deadlock's victim (40P01): the rollup triggers of <see cref="LeadDailyStat"/> lock
/// a day's rows in the order a transaction touches them, so a reconciliation page and a lead saved at the same moment can
/// wait on each other; PostgreSQL rolls one back, and the same save succeeds when made again. The change tracker keeps
/// what was to be saved after a failed <c>SaveChanges</c>, so the save is simply repeated.
/// </summary>
public static class DeadlockRetry
{
    public const int Attempts = 3;

    public static async Task<int> SaveChangesAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var saved = 0;
        await RunAsync(async () => saved = await db.SaveChangesAsync(cancellationToken), () => { }, cancellationToken);
        return saved;
    }

    /// <summary>
    /// Work in its own transaction (a set-based write with the rows it makes, say), made again when PostgreSQL rolled it back
    /// as a deadlock's victim; <paramref name="reset"/> runs before each new attempt (forget what the failed one tracked).
    /// </summary>
    public static async Task RunAsync(Func<Task> work, Action reset, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await work();
                return;
            }
            catch (Exception e) when (attempt < Attempts && IsDeadlock(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellationToken);
                reset();
            }
        }
    }

    public static bool IsDeadlock(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbException { SqlState: "40P01" })
            {
                return true;
            }
        }

        return false;
    }
}
