using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using GAssistant.Hub.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// <c>POST /api/webhook/odoo/automation?token=…</c>: Odoo's built-in "Send Webhook Notification" action
/// (Odoo 17+, also on Odoo Online where no addon can be installed). Odoo posts
/// <c>json.dumps({"_model", "_id", "_action", …selected fields}, sort_keys=True)</c> with no signature and
/// a one-second timeout, never retried (odoo/addons/base/models/ir_actions.py, <c>_run_action_webhook</c>),
/// so the hub only checks the shared token, stores the event and answers at once; the record is read
/// back over the API afterwards (<see cref="OdooAutomationHandler"/>).
/// </summary>
public static partial class OdooAutomationEndpoints
{
    public static readonly IReadOnlySet<string> Models = new HashSet<string>(StringComparer.Ordinal) { OdooFields.Lead, OdooFields.SaleOrder };

    public static RouteGroupBuilder MapOdooAutomationWebhook(this RouteGroupBuilder webhooks)
    {
        webhooks.MapPost("/odoo/automation", ReceiveAsync)
            .WithName("ReceiveOdooAutomationWebhook")
            .WithSummary("Receives Odoo's own \"Send Webhook Notification\" action, authenticated by ?token=.");
        return webhooks;
    }

    internal static async Task<Results<Ok<WebhookAccepted>, ProblemHttpResult, ValidationProblem>> ReceiveAsync(
        HttpRequest request, IOptionsMonitor<OdooOptions> odoo, InboxWriter writer, TimeProvider clock, CredentialThrottle throttle,
        ILogger<InboxWriter> logger, CancellationToken cancellationToken)
    {
        if (throttle.IsBlocked(request.HttpContext))
        {
            return throttle.TooManyFailures(request.HttpContext);
        }

        if (!SharedSecret.Matches(odoo.CurrentValue.AutomationToken, request.Query["token"]))
        {
            throttle.RecordFailure(request.HttpContext);
            Log.Refused(logger, string.IsNullOrEmpty(odoo.CurrentValue.AutomationToken) ? "no Odoo:AutomationToken configured" : "wrong or missing token");
            return WebhookProblems.Unauthorized(string.IsNullOrEmpty(odoo.CurrentValue.AutomationToken)
                ? "Odoo automation webhooks are refused: Odoo:AutomationToken is not configured on the hub."
                : "The token query parameter is missing or wrong.");
        }

        var body = await WebhookBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return WebhookProblems.TooLarge();
        }

        // After the signature: an unsigned request learns nothing, a signed one learns what to fix.
        if (!WebhookBody.IsJsonOrUnstated(request))
        {
            return WebhookProblems.UnsupportedMediaType();
        }

        if (!TryRead(body, out var model, out var id, out var errors))
        {
            return ApiProblems.Validation(errors, "The body is not an Odoo webhook notification.");
        }

        // No delivery id is sent: the same record in the same state gives the same id, so a repeat is stored once.
        var deliveryId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}:{id}:")
            .Concat(body).ToArray()));
        var stored = await writer.WriteAsync(
            new InboxWrite(InboxSources.OdooAutomation, deliveryId, model!, Encoding.UTF8.GetString(body), clock.GetUtcNow().UtcDateTime),
            cancellationToken);
        return TypedResults.Ok(new WebhookAccepted(true, stored ? "Event stored." : "Duplicate delivery; already stored.", !stored));
    }

    /// <summary>The body's model and record id; the same reading the handler relies on.</summary>
    internal static bool TryRead(byte[] body, out string? model, out long id, out Dictionary<string, string[]> errors)
    {
        (model, id, errors) = (null, 0, new Dictionary<string, string[]>(StringComparer.Ordinal));
        using var document = StrictJson.Parse(body, errors);
        if (document is null)
        {
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Expected a JSON object with _model and _id."];
            return false;
        }

        model = root.TryGetProperty("_model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (model is null || !Models.Contains(model))
        {
            errors["_model"] = [$"Expected one of {string.Join(", ", Models)}; set the automation rule on Lead/Opportunity or Sales Order."];
        }

        if (!(root.TryGetProperty("_id", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out id) && id > 0))
        {
            errors["_id"] = ["Required: the record's id, a positive integer."];
        }

        return errors.Count == 0;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Refused an Odoo automation webhook: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
