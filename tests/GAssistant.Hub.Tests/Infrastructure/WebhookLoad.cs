using System.Collections.Concurrent;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// Concurrent senders of signed Odoo lead events (<c>msg_{id}</c>, a new id each) at a hub on real Kestrel,
/// until stopped; it records which ids the hub acknowledged with 200. A delivery that got no 200 (the hub
/// died under it, or refused it) is sent again, with the same <c>webhook-id</c>, before any new one, as a
/// Standard Webhooks sender retries (https://www.standardwebhooks.com/, "Retries"); across a restart the
/// load is paused and resumed at the new hub's address.
/// </summary>
public sealed class WebhookLoad : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, bool> _acknowledged = new();
    private readonly ConcurrentQueue<long> _toResend = new();
    private readonly int _senderCount;
    private CancellationTokenSource _pause = new();
    private List<Task> _senders = [];
    private long _sent;
    private long _resent;
    private long _storedBeforeItsAnswer;

    private WebhookLoad(int senders) => _senderCount = senders;

    public static WebhookLoad Start(Uri hub, int senders = 16)
    {
        var load = new WebhookLoad(senders);
        load.Resume(hub);
        return load;
    }

    /// <summary>The ids acknowledged so far (a snapshot).</summary>
    public IReadOnlyCollection<long> Acknowledged => _acknowledged.Keys.ToList();

    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Deliveries sent again after they got no 200, or after a restart although they had one.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>Deliveries the hub had stored although their sender got no 200 (it died first): their resend was answered "duplicate".</summary>
    public long StoredBeforeItsAnswer => Interlocked.Read(ref _storedBeforeItsAnswer);

    public Task WaitForAsync(int acknowledged, TimeSpan timeout) =>
        Eventually.ReturnsAsync(() => Task.FromResult(_acknowledged.Count), n => n >= acknowledged, timeout);

    /// <summary>
    /// Sends to <paramref name="hub"/> (again, after <see cref="PauseAsync"/>): first what was not acknowledged,
    /// and <paramref name="acknowledgedAgain"/> deliveries that were (senders may deliver one twice), then new ones.
    /// </summary>
    public void Resume(Uri hub, int acknowledgedAgain = 0)
    {
        // The newest ones: acknowledged just before a kill, the likeliest to be stored twice if the hub got it wrong.
        foreach (var id in _acknowledged.Keys.OrderDescending().Take(acknowledgedAgain))
        {
            _toResend.Enqueue(id);
        }

        StartSenders(hub, newEvents: true);
    }

    /// <summary>Sends to <paramref name="hub"/> every delivery not acknowledged yet until each is, and nothing new.</summary>
    public Task ResendUnacknowledgedAsync(Uri hub)
    {
        StartSenders(hub, newEvents: false);
        return PauseAsync();
    }

    /// <summary>Stops the senders after their requests in flight; those without a 200 are sent again on resuming.</summary>
    public async Task PauseAsync()
    {
        await _pause.CancelAsync();
        await Task.WhenAll(_senders);
    }

    public Task StopAsync() => PauseAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _pause.Dispose();
    }

    private void StartSenders(Uri hub, bool newEvents)
    {
        _pause.Dispose();
        _pause = new CancellationTokenSource();
        var pause = _pause.Token;
        _senders = Enumerable.Range(0, _senderCount).Select(_ => Task.Run(() => SendAsync(hub, newEvents, pause))).ToList();
    }

    private async Task SendAsync(Uri hub, bool newEvents, CancellationToken pause)
    {
        using var client = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(30) };
        var sender = new OdooWebhookSender(client, TimeProvider.System);
        var backoff = TimeSpan.Zero;
        while (!pause.IsCancellationRequested)
        {
            var resend = _toResend.TryDequeue(out var id);
            if (resend)
            {
                Interlocked.Increment(ref _resent);
            }
            else if (newEvents)
            {
                id = Interlocked.Increment(ref _sent);
            }
            else
            {
                return;
            }

            if (await TrySendAsync(sender, id, resend))
            {
                backoff = TimeSpan.Zero;
                continue;
            }

            // A sender's retry policy, not a wait for state: it backs off while the hub is down (a pause ends it).
            _toResend.Enqueue(id);
            backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.TicksPerSecond));
            try
            {
                await Task.Delay(backoff, pause);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> TrySendAsync(OdooWebhookSender sender, long id, bool resend)
    {
        try
        {
            using var response = await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id), webhookId: $"msg_{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                if (resend && !_acknowledged.ContainsKey(id)
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean())
                {
                    Interlocked.Increment(ref _storedBeforeItsAnswer);
                }

                _acknowledged[id] = true;
                return true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The hub died under this request, or did not answer in time: it was never acknowledged.
        }

        return false;
    }
}
