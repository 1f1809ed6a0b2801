using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Reads the next items of a sequence while the caller works on the current one, at most <c>ahead</c> items in advance:
/// the reconciliation pull reads page N+1 from Odoo while page N is written. Items arrive in order; a failure of the
/// source reaches the caller after every item read before it, so what was read is still written.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> ReadAheadAsync<T>(this IAsyncEnumerable<T> source, int ahead, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(ahead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => FillAsync(source, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }

            await reading; // the source's own exception, not the channel's wrapper
        }
        finally
        {
            if (!reading.IsCompleted)
            {
                // The caller stopped early (its own failure, or cancellation): the source stops too, and its end is not news.
                await stop.CancelAsync();
                try
                {
                    await reading;
                }
                catch (Exception e) when (e is OperationCanceledException || stop.IsCancellationRequested)
                {
                }
            }
        }
    }

    private static async Task FillAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(item, cancellationToken);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
