using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Data;

/// <summary>
/// The hub's database. One subclass per provider carries that provider's migrations
/// (<see cref="SqliteHubDbContext"/>, <see cref="PostgresHubDbContext"/>); code uses this type.
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<SaleOrder> SaleOrders => Set<SaleOrder>();
    public DbSet<InboxEvent> InboxEvents => Set<InboxEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<HubUser> Users => Set<HubUser>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SyncState> SyncStates => Set<SyncState>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<MetaLeadLink> MetaLeadLinks => Set<MetaLeadLink>();
    public DbSet<MetaCampaign> MetaCampaigns => Set<MetaCampaign>();
    public DbSet<MetaDailyInsight> MetaDailyInsights => Set<MetaDailyInsight>();
    public DbSet<MetaAdDailyInsight> MetaAdDailyInsights => Set<MetaAdDailyInsight>();
    public DbSet<MetaPlacementDailyInsight> MetaPlacementDailyInsights => Set<MetaPlacementDailyInsight>();
    public DbSet<MetaAdAccount> MetaAdAccounts => Set<MetaAdAccount>();
    public DbSet<MetaLeadForm> MetaLeadForms => Set<MetaLeadForm>();
    public DbSet<ScoringModelVersion> ScoringModelVersions => Set<ScoringModelVersion>();
    public DbSet<CurrencyRate> CurrencyRates => Set<CurrencyRate>();
    public DbSet<CrmStage> CrmStages => Set<CrmStage>();
    public DbSet<ConnectionSetting> ConnectionSettings => Set<ConnectionSetting>();

    /// <summary>True on PostgreSQL, where row locks (<c>FOR UPDATE SKIP LOCKED</c>) exist.</summary>
    public abstract bool SupportsRowLocks { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
}
