using Microsoft.AspNetCore.Http.HttpResults;

namespace GAssistant.Hub.Webhooks;

/// <summary>Problem details (RFC 9457) for refused webhooks, with <c>success: false</c>.</summary>
internal static class WebhookProblems
{
    private static readonly Dictionary<string, object?> Failure = new() { ["success"] = false };

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Webhook signature refused", extensions: Failure);

    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"Webhook bodies are limited to {WebhookBody.MaxBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", extensions: Failure);

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem("Webhook bodies are JSON: send Content-Type: application/json.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type", extensions: Failure);

    public static string Describe(WebhookVerification verification) => verification switch
    {
        WebhookVerification.MissingHeaders => "The webhook-id, webhook-timestamp and webhook-signature headers are required.",
        WebhookVerification.InvalidTimestamp => "webhook-timestamp must be Unix seconds.",
        WebhookVerification.StaleTimestamp => "webhook-timestamp is more than 5 minutes from the hub's clock (a replay, or a sender clock out of sync).",
        WebhookVerification.InvalidSignature => "webhook-signature does not match the body and the configured secret.",
        WebhookVerification.NoSecretConfigured => "No webhook secret is configured on the hub.",
        _ => "The signature was not accepted.",
    };
}
