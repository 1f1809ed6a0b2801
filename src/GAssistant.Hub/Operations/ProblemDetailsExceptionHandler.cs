using System.Globalization;
using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace GAssistant.Hub.Operations;

/// <summary>
/// Turns any exception into RFC 9457 problem details; a 500 never shows internals. A full disk is the one
/// place that answers 503 with <c>Retry-After</c>: the request was fine and will succeed once space is freed,
/// so it is reported to <see cref="StorageSpace"/> (one log line when it starts) instead of logged per request.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, StorageSpace storage, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var full = StorageSpace.IsStorageFull(exception);
        if (full)
        {
            storage.ReportFull(exception);
            httpContext.Response.Headers.RetryAfter = ((int)StorageSpace.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        var (status, title, detail) = exception switch
        {
            _ when full => (StatusCodes.Status503ServiceUnavailable, "Storage full",
                $"The hub's database is out of space; nothing was stored. Try again in {(int)StorageSpace.RetryAfter.TotalSeconds} seconds."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The hub could not complete the request; the error is logged."),
        };

        if (status >= 500 && !full)
        {
            Log.Unhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);
    }
}
