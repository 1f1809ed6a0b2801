using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>
/// Secrets accepted in Settings are what the Standard Webhooks specification makes: <c>whsec_</c> and the base64 of 24 to
/// 64 random bytes (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme).
/// </summary>
public sealed class StandardWebhookSecretTests
{
    [Fact]
    public void A_generated_secret_is_acceptable_and_new_each_time()
    {
        var first = StandardWebhookSecret.Generate();

        Assert.True(StandardWebhookSecret.IsAcceptable(first, out _));
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.NotEqual(first, StandardWebhookSecret.Generate());
    }

    [Theory]
    [InlineData("dGVzdC1zZWNyZXQtZm9yLXRoZS1odWItdGVzdHM=", SecretProblem.MissingPrefix)]
    [InlineData("", SecretProblem.MissingPrefix)]
    [InlineData("whsec_not base64 at all!", SecretProblem.NotBase64)]
    [InlineData("whsec_c2hvcnQtc2VjcmV0", SecretProblem.TooShort)] // "short-secret": 12 bytes
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", SecretProblem.TooLong)] // 72 bytes
    public void A_secret_that_is_not_whsec_and_24_to_64_base64_bytes_is_refused_with_the_reason(string secret, SecretProblem expected)
    {
        Assert.False(StandardWebhookSecret.IsAcceptable(secret, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void The_secret_the_addon_generates_is_acceptable()
    {
        // 24 random bytes, as g_assistant_connector's settings page makes one (TestSecrets mirrors it).
        Assert.True(StandardWebhookSecret.IsAcceptable("whsec_" + Convert.ToBase64String(new byte[24]), out _));
        Assert.True(StandardWebhookSecret.IsAcceptable(TestSecrets.OdooWebhookSecret, out _));
    }
}
