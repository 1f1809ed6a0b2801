using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Upserts replica rows by Odoo id, newest state wins: a change older than what the replica
/// holds is ignored. Used by webhooks and by the reconciliation pull alike.
/// </summary>
public static class ReplicaUpsert
{
    public static Task<bool> LeadAsync(HubDbContext db, long odooId, DateTime version, DateTime now, Action<Lead> apply, CancellationToken cancellationToken) =>
        UpsertAsync(db.Leads, odooId, () => new Lead { OdooId = odooId }, version, now, apply, cancellationToken);

    public static Task<bool> SaleOrderAsync(HubDbContext db, long odooId, DateTime version, DateTime now, Action<SaleOrder> apply, CancellationToken cancellationToken) =>
        UpsertAsync(db.SaleOrders, odooId, () => new SaleOrder { OdooId = odooId }, version, now, apply, cancellationToken);

    /// <summary>
    /// The upsert when the caller has already loaded the row, or knows there is none (a sync page
    /// loads all of its rows in one query instead of one look-up per record).
    /// </summary>
    public static bool Upsert<T>(DbSet<T> set, T? existing, Func<T> create, DateTime version, DateTime now, Action<T> apply)
        where T : class, IReplicated
    {
        var record = existing;
        if (record is null)
        {
            record = create();
            set.Add(record);
        }
        else if (record.SourceVersion > version)
        {
            return false;
        }

        apply(record);
        record.SourceVersion = version;
        record.SyncedAt = now;
        return true;
    }

    /// <summary>
    /// Leads of a pull's page, each with its <see cref="IReplicated.SourceVersion"/>, written at once: new ones inserted as
    /// given, with what their Meta links say (<see cref="LeadLinks"/>: no EF save runs the interceptor here), known ones
    /// updated unless the replica holds a newer state; the hub's own marks on a lead (score, test lead, Meta campaign,
    /// first response, escalation, pulled-only) stay as they are.
    /// </summary>
    public static async Task<int> LeadsAsync(HubDbContext db, IReadOnlyCollection<Lead> leads, CancellationToken cancellationToken)
    {
        await LeadLinks.ApplyToNewAsync(db, leads, cancellationToken);
        return await ReplicaPage.UpsertAsync(db, leads, HubOwnLeadProperties, OdooDates, cancellationToken);
    }

    /// <summary>Sale orders of a pull's page, as <see cref="LeadsAsync"/>.</summary>
    public static Task<int> SaleOrdersAsync(HubDbContext db, IReadOnlyCollection<SaleOrder> orders, CancellationToken cancellationToken) =>
        ReplicaPage.UpsertAsync(db, orders, NoProperties, OdooDates, cancellationToken);

    private static readonly HashSet<string> HubOwnLeadProperties =
    [
        nameof(Lead.Score), nameof(Lead.ScoreReasons), nameof(Lead.ScoreModelVersion), nameof(Lead.ScoredAt), nameof(Lead.IsTest), nameof(Lead.MetaCampaignId),
        nameof(Lead.OnlyPulled), nameof(Lead.FirstResponseAt), nameof(Lead.FirstResponseKind), nameof(Lead.FirstResponseUserId), nameof(Lead.EscalatedAt),
    ];

    /// <summary>What <see cref="OdooRecordMapper"/> keeps when a record lacks it.</summary>
    private static readonly HashSet<string> OdooDates = [nameof(Lead.CreateDate), nameof(Lead.WriteDate)];

    private static readonly HashSet<string> NoProperties = [];

    /// <returns>True when the change was applied; false when the replica already held a newer state.</returns>
    private static async Task<bool> UpsertAsync<T>(DbSet<T> set, long odooId, Func<T> create, DateTime version, DateTime now, Action<T> apply, CancellationToken cancellationToken)
        where T : class, IReplicated =>
        Upsert(set, await set.FindAsync([odooId], cancellationToken), create, version, now, apply);
}
