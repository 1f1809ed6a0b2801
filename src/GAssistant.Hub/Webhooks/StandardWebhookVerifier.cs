using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// Verifies Standard Webhooks signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c> keyed with the base64 part of <c>whsec_…</c>.
/// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
/// Pure: no I/O, the clock is passed in.
/// </summary>
public sealed class StandardWebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private readonly IReadOnlyList<byte[]> _keys;
    private readonly TimeSpan _tolerance;

    public StandardWebhookVerifier(byte[] key, TimeSpan tolerance)
        : this([key], tolerance)
    {
    }

    /// <summary>Accepts a signature made with any of <paramref name="keys"/> (the current secret and, after a rotation, the previous one).</summary>
    public StandardWebhookVerifier(IReadOnlyList<byte[]> keys, TimeSpan tolerance)
    {
        _keys = keys;
        _tolerance = tolerance;
    }

    /// <summary>Parses <c>whsec_&lt;base64&gt;</c> (the prefix is optional, as in the reference libraries).</summary>
    public static bool TryParseSecret(string? secret, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        var base64 = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            key = Convert.FromBase64String(base64);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public WebhookVerification Verify(string? id, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHeader))
        {
            return WebhookVerification.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.InvalidTimestamp;
        }

        // Outside the tolerance either way: a replay of an old delivery or a skewed sender clock.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > _tolerance.TotalSeconds)
        {
            return WebhookVerification.StaleTimestamp;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> candidate = stackalloc byte[64];
        foreach (var key in _keys)
        {
            ComputeSignature(key, id, timestamp, body, expected);
            foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("v1,", StringComparison.Ordinal)
                    && Convert.TryFromBase64String(part[3..], candidate, out var written)
                    && written == expected.Length
                    && CryptographicOperations.FixedTimeEquals(candidate[..written], expected))
                {
                    return WebhookVerification.Valid;
                }
            }
        }

        return WebhookVerification.InvalidSignature;
    }

    /// <summary>The <c>v1,…</c> header value for a body, as a sender makes it.</summary>
    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeSignature(key, id, timestamp.ToString(CultureInfo.InvariantCulture), body, signature);
        return "v1," + Convert.ToBase64String(signature);
    }

    private static void ComputeSignature(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefixLength = Encoding.UTF8.GetByteCount(id) + Encoding.UTF8.GetByteCount(timestamp) + 2;
        var rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            var written = Encoding.UTF8.GetBytes(id, rented);
            rented[written++] = (byte)'.';
            written += Encoding.UTF8.GetBytes(timestamp, rented.AsSpan(written));
            rented[written++] = (byte)'.';
            body.CopyTo(rented.AsSpan(written));
            HMACSHA256.HashData(key, rented.AsSpan(0, written + body.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

public enum WebhookVerification
{
    Valid,
    NoSecretConfigured,
    MissingHeaders,
    InvalidTimestamp,
    StaleTimestamp,
    InvalidSignature,
}
