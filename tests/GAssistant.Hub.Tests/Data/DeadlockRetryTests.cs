using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GAssistant.Hub.Tests.Data;

/// <summary>
/// A save chosen as a deadlock's victim is made again (found by the hostile-request run on PostgreSQL: a lead created
/// through the API and a reconciliation page deadlocked on the daily rollup and the API answered 500). Here a real
/// PostgreSQL deadlock: another session holds lead 2 and then wants lead 1, which the hub's save holds while it waits
/// for lead 2; the other session's deadlock_timeout is longer, so PostgreSQL rolls the hub's save back.
/// </summary>
public sealed class DeadlockRetryTests() : HubTest(HubProvider.Postgres)
{
    private static Lead Lead(long id) => new()
    {
        OdooId = id, Name = $"Lead {id}", CreateDate = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), SourceVersion = DateTime.UnixEpoch,
        SyncedAt = DateTime.UnixEpoch,
    };

    [Fact]
    public async Task A_save_rolled_back_as_a_deadlock_victim_is_made_again_and_stored()
    {
        await Hub.WithDbAsync(db =>
        {
            db.Leads.AddRange(Lead(1), Lead(2));
            return db.SaveChangesAsync();
        });
        var connectionString = await Hub.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));

        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await Exec(other, transaction, "SET LOCAL deadlock_timeout = '10s'");
        await Exec(other, transaction, "UPDATE leads SET name = 'other' WHERE odoo_id = 2");

        var saved = Hub.WithDbAsync(async db =>
        {
            var leads = await db.Leads.Where(l => l.OdooId == 1 || l.OdooId == 2).OrderBy(l => l.OdooId).ToListAsync();
            leads[0].Name = "hub 1";
            leads[1].Name = "hub 2";
            return await DeadlockRetry.SaveChangesAsync(db, CancellationToken.None);
        });
        await Task.Delay(500); // the hub's save holds lead 1 and waits for lead 2
        await Exec(other, transaction, "UPDATE leads SET name = 'other' WHERE odoo_id = 1");
        await transaction.CommitAsync();

        Assert.Equal(2, await saved.WaitAsync(TimeSpan.FromSeconds(60)));
        var names = await Hub.WithDbAsync(db => db.Leads.AsNoTracking().OrderBy(l => l.OdooId).Select(l => l.Name).ToListAsync());
        Assert.Equal(["hub 1", "hub 2"], names);
    }

    [Fact]
    public void Only_a_deadlock_counts_as_one()
    {
        Assert.True(DeadlockRetry.IsDeadlock(new InvalidOperationException("transient", new DbUpdateException("save", new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01")))));
        Assert.False(DeadlockRetry.IsDeadlock(new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
    }

    private static async Task Exec(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
