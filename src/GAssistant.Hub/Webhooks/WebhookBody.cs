using System.Buffers;
using System.IO.Pipelines;

namespace GAssistant.Hub.Webhooks;

/// <summary>Reads a webhook's raw bytes (signatures are over bytes, not parsed JSON) up to a limit.</summary>
internal static class WebhookBody
{
    /// <summary>CONTRACT.md: bodies above 1 MiB get 413.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// JSON, or no content type at all. Checked by the endpoint rather than by routing: a route that does not
    /// match answers as the fallback (a login challenge), which tells a sender nothing useful.
    /// </summary>
    public static bool IsJsonOrUnstated(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return true;
        }

        return Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }

            // Nothing consumed yet: ask for more until the whole body is buffered.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
