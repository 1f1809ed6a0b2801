namespace GAssistant.Hub.Operations;

/// <summary>Masks personal data before it reaches a log: <c>ahmed@example.com</c> → <c>a***@example.com</c>. Pure.</summary>
public static class Redact
{
    public static string Email(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    /// <summary>Keeps the last two digits only: <c>+966 55 123 4567</c> → <c>***67</c>.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        var digits = phone.Where(char.IsDigit).ToArray();
        return digits.Length <= 2 ? "***" : "***" + new string(digits[^2..]);
    }

    /// <summary>Never the secret itself: only whether one is set.</summary>
    public static string Secret(string? secret) => string.IsNullOrEmpty(secret) ? "(unset)" : "(set)";
}
