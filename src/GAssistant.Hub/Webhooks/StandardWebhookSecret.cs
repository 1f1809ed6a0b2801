using System.Security.Cryptography;

namespace GAssistant.Hub.Webhooks;

/// <summary>
/// A <c>whsec_</c> signing secret as the Standard Webhooks specification makes one: <c>whsec_</c> and the base64 of
/// 24 to 64 random bytes (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#signature-scheme).
/// Pure but for the random bytes.
/// </summary>
public static class StandardWebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinimumBytes = 24;
    public const int MaximumBytes = 64;

    /// <summary>A new secret of 32 random bytes.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="secret"/> is one to accept from a person; <paramref name="problem"/> says why not.</summary>
    public static bool IsAcceptable(string? secret, out SecretProblem problem)
    {
        problem = SecretProblem.None;
        if (string.IsNullOrWhiteSpace(secret) || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = SecretProblem.MissingPrefix;
            return false;
        }

        var base64 = secret[Prefix.Length..];
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var length))
        {
            problem = SecretProblem.NotBase64;
            return false;
        }

        problem = length switch
        {
            < MinimumBytes => SecretProblem.TooShort,
            > MaximumBytes => SecretProblem.TooLong,
            _ => SecretProblem.None,
        };
        return problem == SecretProblem.None;
    }
}

/// <summary>Why a secret is refused, for the message Settings shows.</summary>
public enum SecretProblem
{
    None,
    MissingPrefix,
    NotBase64,
    TooShort,
    TooLong,
}
