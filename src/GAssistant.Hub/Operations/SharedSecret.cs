using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Hub.Operations;

/// <summary>
/// Compares a presented secret (API key, webhook token, verify token) with the configured one in
/// constant time: both are hashed to the same length first, so neither content nor length leaks.
/// An unset secret matches nothing.
/// </summary>
public static class SharedSecret
{
    public static bool Matches(string? configured, string? presented) =>
        !string.IsNullOrEmpty(configured) && !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
