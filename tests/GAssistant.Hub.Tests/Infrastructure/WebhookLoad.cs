using System.Collections.Concurrent;

namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>
/// Concurrent senders of signed Odoo lead events (<c>msg_{id}</c>, a new id each) at a hub on real Kestrel,
/// until stopped; it records which ids the hub acknowledged with 200.
/// </summary>
public sealed class WebhookLoad : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, bool> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders;
    private long _sent;

    private WebhookLoad(Uri hub, int senders) =>
        _senders = Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendAsync(hub))).ToList();

    public static WebhookLoad Start(Uri hub, int senders = 16) => new(hub, senders);

    /// <summary>The ids acknowledged so far (a snapshot).</summary>
    public IReadOnlyCollection<long> Acknowledged => _acknowledged.Keys.ToList();

    public Task WaitForAsync(int acknowledged, TimeSpan timeout) =>
        Eventually.ReturnsAsync(() => Task.FromResult(_acknowledged.Count), n => n >= acknowledged, timeout);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task SendAsync(Uri hub)
    {
        using var client = new HttpClient { BaseAddress = hub };
        var sender = new OdooWebhookSender(client, TimeProvider.System);
        while (!_stop.IsCancellationRequested)
        {
            var id = Interlocked.Increment(ref _sent);
            try
            {
                using var response = await sender.SendAsync(OdooWebhookSender.LeadEvent(id: id), webhookId: $"msg_{id}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _acknowledged[id] = true;
                }
            }
            catch (HttpRequestException)
            {
                // The hub died under this request: it was never acknowledged.
            }
        }
    }
}
