using GAssistant.Hub.Meta;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>The periodic Meta syncs on a fake clock: a freshly started hub reads Meta after <c>Meta:FirstSyncDelay</c>, not after a whole interval.</summary>
public sealed class MetaSyncWorkerTests() : HubTest(HubProvider.Sqlite)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = MetaTestHub.Settings();
            settings["Meta:FirstSyncDelay"] = "00:01:00";
            settings["Meta:LeadSyncInterval"] = "00:30:00";
            settings["Meta:CampaignSyncInterval"] = "1.00:00:00";
            return settings;
        }
    }

    protected override void Configure(HubFactory hub)
    {
        MetaTestHub.RegisterDoubles(hub);
        hub.WithServices(services => services.AddSingleton<TimeProvider>(_clock));
    }

    [Fact]
    public async Task The_first_lead_backfill_and_campaign_sync_start_a_minute_after_start_then_every_interval()
    {
        Assert.Empty(await JobKindsAsync());

        _clock.Advance(TimeSpan.FromMinutes(1));

        var first = await Eventually.ReturnsAsync(JobKindsAsync, kinds => kinds.Count == 2);
        Assert.Equal([MetaCampaignSync.JobKind, MetaLeadSync.JobKind], first.Order(StringComparer.Ordinal));

        _clock.Advance(TimeSpan.FromMinutes(29));

        var later = await Eventually.ReturnsAsync(JobKindsAsync, kinds => kinds.Count(k => k == MetaLeadSync.JobKind) == 2);
        Assert.Single(later, k => k == MetaCampaignSync.JobKind);
    }

    private Task<List<string>> JobKindsAsync() => Hub.WithDbAsync(db => db.Jobs.Select(j => j.Kind).ToListAsync());
}
