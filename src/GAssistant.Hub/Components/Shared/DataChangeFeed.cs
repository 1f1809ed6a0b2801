using System.Collections.Immutable;
using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// Tells open pages that leads or webhook deliveries changed, so they redraw without a reload. One poll per hub
/// (not per page) of cheap indexed maxima, so it also sees changes written by another hub instance.
/// </summary>
public sealed partial class DataChangeFeed(IServiceScopeFactory scopes, ILogger<DataChangeFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private (long, DateTime?, long, int) _stamp;

    private ImmutableList<Subscriber> _subscribers = [];

    /// <summary>
    /// Tells <paramref name="changed"/> of every change, and <paramref name="arrived"/> of the new leads (up to five, test
    /// leads left out) since the last poll; until the subscription is disposed. Called on a thread-pool thread (handlers
    /// marshal to their renderer), in the culture of the caller of <see cref="Subscribe"/>: a page redrawn by a change
    /// speaks its reader's language.
    /// </summary>
    public IDisposable Subscribe(Func<Task>? changed = null, Func<IReadOnlyList<NewLeadNotice>, Task>? arrived = null)
    {
        var subscriber = new Subscriber(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, changed, arrived);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var stamp = await ReadStampAsync(stoppingToken);
                    if (stamp != _stamp)
                    {
                        var (first, lastLead) = (_stamp == default, _stamp.Item1);
                        _stamp = stamp;
                        if (first)
                        {
                            continue;
                        }

                        var subscribers = _subscribers;
                        var leads = stamp.Item1 > lastLead && subscribers.Any(s => s.Arrived is not null) ? await NewLeadsAsync(lastLead, stoppingToken) : [];
                        foreach (var subscriber in subscribers)
                        {
                            _ = TellAsync(subscriber, leads);
                        }
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.PollFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Changes show in one of these, each read from an index: a new lead (highest id), a lead changed by the
    /// reconciliation pull (newest write_date), a webhook stored (highest inbox id) or applied (fewer waiting).
    /// </summary>
    private async Task<(long, DateTime?, long, int)> ReadStampAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var lastLead = await db.Leads.MaxAsync(l => (long?)l.OdooId, cancellationToken) ?? 0;
        var lastWrite = await db.Leads.MaxAsync(l => l.WriteDate, cancellationToken);
        var lastEvent = await db.InboxEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var waiting = await db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Pending || e.Status == InboxStatus.Failed, cancellationToken);
        return (lastLead, lastWrite, lastEvent, waiting);
    }

    /// <summary>
    /// Every open page is told on its own and without waiting for it (a page whose browser went away keeps its circuit a
    /// while, and its redraw can wait on the browser for a minute), in its reader's culture.
    /// </summary>
    private async Task TellAsync(Subscriber subscriber, IReadOnlyList<NewLeadNotice> leads)
    {
        // Set in this async method, the culture flows into the page's InvokeAsync and ends with it.
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (subscriber.Culture, subscriber.UiCulture);
        try
        {
            if (subscriber.Changed is { } changed)
            {
                await changed();
            }

            if (leads.Count > 0 && subscriber.Arrived is { } arrived)
            {
                await arrived(leads);
            }
        }
        catch (Exception ex)
        {
            Log.PageFailed(logger, ex);
        }
    }

    private async Task<IReadOnlyList<NewLeadNotice>> NewLeadsAsync(long after, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Leads.AsNoTracking().Where(l => l.OdooId > after && !l.IsTest && !l.Deleted).OrderBy(l => l.OdooId).Take(5)
            .Select(l => new NewLeadNotice(l.OdooId, l.Name, l.Source, l.Campaign)).ToListAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Polling for data changes failed")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1802, Level = LogLevel.Debug, Message = "An open page failed to take a data change")]
        public static partial void PageFailed(ILogger logger, Exception exception);
    }
}

internal sealed record Subscriber(CultureInfo Culture, CultureInfo UiCulture, Func<Task>? Changed, Func<IReadOnlyList<NewLeadNotice>, Task>? Arrived);

internal sealed class Subscription(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}

/// <summary>A lead that just reached the hub, as a person on /crm or /campaigns is told of it.</summary>
public sealed record NewLeadNotice(long OdooId, string Name, string? Source, string? Campaign);
