using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// The keys an addon's signature is checked against: <c>Odoo:WebhookSecret</c>, and after a rotation the previous
/// secret until <c>Odoo:PreviousWebhookSecretUntil</c>, so events the addon signs before its administrator pastes the
/// new secret into Odoo are not refused. Pure.
/// </summary>
public static class OdooWebhookSecrets
{
    public static IReadOnlyList<byte[]> AcceptedKeys(OdooOptions options, DateTimeOffset now)
    {
        var keys = new List<byte[]>(2);
        if (StandardWebhookVerifier.TryParseSecret(options.WebhookSecret, out var current))
        {
            keys.Add(current);
        }

        if (options.PreviousWebhookSecretUntil is { } until && now < until
            && StandardWebhookVerifier.TryParseSecret(options.PreviousWebhookSecret, out var previous))
        {
            keys.Add(previous);
        }

        return keys;
    }
}
