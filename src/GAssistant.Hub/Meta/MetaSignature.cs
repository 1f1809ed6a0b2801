using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Meta's HMAC-SHA256 checks. Webhooks carry <c>X-Hub-Signature-256: sha256=&lt;hex HMAC of the raw
/// body, keyed with the app secret&gt;</c> (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads);
/// Graph calls carry <c>appsecret_proof</c>, the hex HMAC of the access token keyed with the app secret
/// (https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof). Pure.
/// </summary>
public static class MetaSignature
{
    private const string Prefix = "sha256=";

    /// <summary>True only for a well-formed header matching the body; compared in constant time.</summary>
    public static bool IsValid(string? appSecret, string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(appSecret) || string.IsNullOrEmpty(header)
            || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || header.Length != Prefix.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return false;
        }

        byte[] candidate;
        try
        {
            candidate = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(candidate, expected);
    }

    /// <summary>The header value Meta sends for <paramref name="body"/>.</summary>
    public static string Sign(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static string AppSecretProof(string appSecret, string accessToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken)));
}
