using System.Text;
using GAssistant.Hub.Webhooks;
using StandardWebhooks;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>
/// The hub's verifier against the Standard Webhooks reference vector
/// (https://github.com/standard-webhooks/standard-webhooks/blob/main/libraries/javascript/src/index.test.ts)
/// and against signatures made by the StandardWebhooks NuGet package.
/// </summary>
public sealed class StandardWebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Payload = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    private static StandardWebhookVerifier Verifier(string secret = Secret)
    {
        Assert.True(StandardWebhookVerifier.TryParseSecret(secret, out var key));
        return new StandardWebhookVerifier(key, TimeSpan.FromMinutes(5));
    }

    private static WebhookVerification Verify(string? id, string? timestamp, string? signature, string payload, DateTimeOffset now) =>
        Verifier().Verify(id, timestamp, signature, Encoding.UTF8.GetBytes(payload), now);

    [Fact]
    public void Reference_vector_is_valid() =>
        Assert.Equal(WebhookVerification.Valid, Verify(MessageId, "1614265330", Signature, Payload, SignedAt));

    [Fact]
    public void Signing_reproduces_the_reference_signature()
    {
        Assert.True(StandardWebhookVerifier.TryParseSecret(Secret, out var key));
        Assert.Equal(Signature, StandardWebhookVerifier.Sign(key, MessageId, 1614265330, Encoding.UTF8.GetBytes(Payload)));
    }

    [Fact]
    public void A_changed_body_is_refused() =>
        Assert.Equal(WebhookVerification.InvalidSignature, Verify(MessageId, "1614265330", Signature, "{\"test\": 2432232315}", SignedAt));

    [Fact]
    public void A_changed_id_is_refused() =>
        Assert.Equal(WebhookVerification.InvalidSignature, Verify("msg_other", "1614265330", Signature, Payload, SignedAt));

    [Fact]
    public void One_valid_signature_among_several_is_enough() =>
        Assert.Equal(WebhookVerification.Valid, Verify(MessageId, "1614265330", "v1,Zm9vYmFy " + Signature + " v2,abc", Payload, SignedAt));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void A_timestamp_more_than_five_minutes_off_is_refused(int secondsOff) =>
        Assert.Equal(WebhookVerification.StaleTimestamp, Verify(MessageId, "1614265330", Signature, Payload, SignedAt.AddSeconds(secondsOff)));

    [Fact]
    public void A_timestamp_within_five_minutes_is_accepted() =>
        Assert.Equal(WebhookVerification.Valid, Verify(MessageId, "1614265330", Signature, Payload, SignedAt.AddSeconds(299)));

    [Theory]
    [InlineData(null, "1614265330", Signature)]
    [InlineData(MessageId, null, Signature)]
    [InlineData(MessageId, "1614265330", null)]
    [InlineData(MessageId, "1614265330", "")]
    public void Missing_headers_are_refused(string? id, string? timestamp, string? signature) =>
        Assert.Equal(WebhookVerification.MissingHeaders, Verify(id, timestamp, signature, Payload, SignedAt));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1614265330.5")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp) =>
        Assert.Equal(WebhookVerification.InvalidTimestamp, Verify(MessageId, timestamp, Signature, Payload, SignedAt));

    [Theory]
    [InlineData("v1,not base64!")]
    [InlineData("v1,")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")]
    public void Malformed_signatures_are_refused(string signature) =>
        Assert.Equal(WebhookVerification.InvalidSignature, Verify(MessageId, "1614265330", signature, Payload, SignedAt));

    [Fact]
    public void Arabic_payload_signed_by_the_reference_package_is_valid()
    {
        const string body = "{\"event\":\"lead_created\",\"data\":{\"id\":1,\"name\":\"استفسار عن الخدمات\"}}";
        var now = DateTimeOffset.UtcNow;
        var signature = new StandardWebhook(Secret).Sign("msg_1", now, body);
        Assert.Equal(WebhookVerification.Valid, Verify("msg_1", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_***")]
    [InlineData(null)]
    public void A_missing_or_malformed_secret_is_not_a_key(string? secret) =>
        Assert.False(StandardWebhookVerifier.TryParseSecret(secret, out _));
}
