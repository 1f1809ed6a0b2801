using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Hub.Auth;

/// <summary>API keys are stored and compared as SHA-256 hashes. Pure.</summary>
public static class ApiKeyHashes
{
    public const string KeyPrefix = "gah_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key, e.g. <c>gah_3q2+…</c>, shown once to its creator.</summary>
    public static string NewKey() => KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
