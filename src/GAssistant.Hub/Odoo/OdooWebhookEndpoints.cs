using System.Text;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary><c>POST /api/webhook/odoo</c>: events from the g_assistant_connector addon (CONTRACT.md).</summary>
public static partial class OdooWebhookEndpoints
{
    /// <summary>The inbox keeps delivery ids up to this length (Standard Webhooks ids are far shorter).</summary>
    public const int MaxWebhookIdLength = 256;

    public static RouteGroupBuilder MapOdooWebhook(this RouteGroupBuilder webhooks)
    {
        webhooks.MapPost("/odoo", ReceiveAsync)
            .WithName("ReceiveOdooWebhook")
            .WithSummary("Receives a signed event from the Odoo addon (Standard Webhooks) and stores it before answering.");
        return webhooks;
    }

    internal static async Task<Results<Ok<WebhookAccepted>, ProblemHttpResult, ValidationProblem>> ReceiveAsync(
        HttpRequest request,
        IOptionsMonitor<OdooOptions> odoo,
        IOptions<InboxOptions> inbox,
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

        var now = clock.GetUtcNow();
        var keys = OdooWebhookSecrets.AcceptedKeys(odoo.CurrentValue, now);
        if (keys.Count == 0)
        {
            Log.Refused(logger, WebhookVerification.NoSecretConfigured);
            return WebhookProblems.Unauthorized("Odoo webhooks are refused: Odoo:WebhookSecret is not configured on the hub.");
        }

        var id = request.Headers["webhook-id"].ToString();
        if (id.Length > MaxWebhookIdLength)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["webhook-id"] = [$"webhook-id is limited to {MaxWebhookIdLength} characters."] },
                "The delivery id is too long.");
        }

        var verification = new StandardWebhookVerifier(keys, inbox.Value.SignatureTolerance).Verify(
            id, request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, now);
        if (verification != WebhookVerification.Valid)
        {
            Log.Refused(logger, verification);
            return WebhookProblems.Unauthorized(WebhookProblems.Describe(verification));
        }

        // After the signature: an unsigned request learns nothing, a signed one learns what to fix.
        if (!WebhookBody.IsJsonOrUnstated(request))
        {
            return WebhookProblems.UnsupportedMediaType();
        }

        // Checked and stored with the same time, to the microsecond PostgreSQL keeps, so the worker's check agrees.
        var receivedAt = now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % 10));
        if (!OdooWebhookEvent.TryParse(body, receivedAt, out var parsed, out var errors))
        {
            return ApiProblems.Validation(errors, "The body is not an Odoo event.");
        }

        var stored = await writer.WriteAsync(
            new InboxWrite(InboxSources.Odoo, id, parsed!.Event, Encoding.UTF8.GetString(body), receivedAt),
            cancellationToken);
        return TypedResults.Ok(new WebhookAccepted(true, stored ? "Event stored." : "Duplicate delivery; already stored.", !stored));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Refused an Odoo webhook: {Reason}")]
        public static partial void Refused(ILogger logger, WebhookVerification reason);
    }
}
