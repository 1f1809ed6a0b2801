using GAssistant.Hub.Operations;
using System.Security.Cryptography;
using System.Text;
using GAssistant.Hub.Data;
using GAssistant.Hub.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// <c>GET/POST /api/webhook/meta</c> (CONTRACT.md): the subscription check and Page <c>leadgen</c>
/// notifications. A notification is verified over its raw bytes, stored, and only then answered 200;
/// Meta retries unanswered deliveries for up to 36 hours, so nothing slow happens here.
/// https://developers.facebook.com/docs/graph-api/webhooks/getting-started
/// </summary>
public static partial class MetaWebhookEndpoints
{
    public const string EventType = "leadgen";

    public static RouteGroupBuilder MapMetaWebhook(this RouteGroupBuilder webhooks)
    {
        webhooks.MapGet("/meta", Verify)
            .WithName("VerifyMetaWebhook")
            .WithSummary("Meta's subscription check: echoes hub.challenge when hub.verify_token matches Meta:VerifyToken.");
        webhooks.MapPost("/meta", ReceiveAsync)
            .WithName("ReceiveMetaWebhook")
            .WithSummary("Receives a signed Page leadgen notification and stores it before answering.");
        return webhooks;
    }

    internal static Results<ContentHttpResult, ProblemHttpResult> Verify(HttpRequest request, IOptionsMonitor<MetaOptions> meta, CredentialThrottle throttle)
    {
        if (throttle.IsBlocked(request.HttpContext))
        {
            return throttle.TooManyFailures(request.HttpContext);
        }

        var query = request.Query;
        if (query["hub.mode"] == "subscribe" && SharedSecret.Matches(meta.CurrentValue.VerifyToken, query["hub.verify_token"].ToString()))
        {
            return TypedResults.Text(query["hub.challenge"].ToString(), "text/plain", Encoding.UTF8);
        }

        throttle.RecordFailure(request.HttpContext);
        return TypedResults.Problem("hub.mode must be subscribe and hub.verify_token must match Meta:VerifyToken.",
            statusCode: StatusCodes.Status403Forbidden, title: "Subscription refused",
            extensions: new Dictionary<string, object?> { ["success"] = false });
    }

    internal static async Task<Results<Ok<WebhookAccepted>, ProblemHttpResult, ValidationProblem>> ReceiveAsync(
        HttpRequest request,
        IOptionsMonitor<MetaOptions> meta,
        InboxWriter writer,
        TimeProvider clock,
        ILogger<InboxWriter> logger,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return WebhookProblems.TooLarge();
        }

        var secret = meta.CurrentValue.AppSecret;
        if (string.IsNullOrEmpty(secret))
        {
            Log.Refused(logger, "no app secret configured");
            return WebhookProblems.Unauthorized("Meta webhooks are refused: Meta:AppSecret is not configured on the hub.");
        }

        if (!MetaSignature.IsValid(secret, request.Headers["X-Hub-Signature-256"].ToString(), body))
        {
            Log.Refused(logger, "missing or wrong X-Hub-Signature-256");
            return WebhookProblems.Unauthorized("X-Hub-Signature-256 is missing or does not match the body and Meta:AppSecret.");
        }

        // After the signature: an unsigned request learns nothing, a signed one learns what to fix.
        if (!WebhookBody.IsJsonOrUnstated(request))
        {
            return WebhookProblems.UnsupportedMediaType();
        }

        if (!MetaNotification.TryParse(body, out var leads, out var errors))
        {
            return ApiProblems.Validation(errors, "The body is not a Meta notification.");
        }

        if (leads.Count == 0)
        {
            return TypedResults.Ok(new WebhookAccepted(true, "No leadgen changes; nothing to store.", false));
        }

        // Meta sends no delivery id; a retry repeats the same bytes, so their hash is one.
        var deliveryId = Convert.ToHexStringLower(SHA256.HashData(body));
        var stored = await writer.WriteAsync(
            new InboxWrite(InboxSources.Meta, deliveryId, EventType, Encoding.UTF8.GetString(body), clock.GetUtcNow().UtcDateTime),
            cancellationToken);
        return TypedResults.Ok(new WebhookAccepted(true,
            stored ? $"Notification with {leads.Count} leads stored." : "Duplicate delivery; already stored.", !stored));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2701, Level = LogLevel.Warning, Message = "Refused a Meta webhook: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
