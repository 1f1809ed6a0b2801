using System.Security.Cryptography;
using System.Text;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Meta's customer information parameters (https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters):
/// <c>em</c> and <c>ph</c> are the lowercase hex SHA-256 of the normalised value. Email: trimmed and lowercased. Phone:
/// digits only, with the country calling code. A phone written without its country code is hashed only when the lead's
/// country says which code it is; otherwise it is left out rather than sent wrong. Pure.
/// </summary>
public static class CustomerHashing
{
    /// <summary>Calling codes of the countries the hub's users sell in; a lead elsewhere needs its phone in international form.</summary>
    private static readonly Dictionary<string, string> CallingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SA"] = "966", ["AE"] = "971", ["KW"] = "965", ["QA"] = "974", ["BH"] = "973", ["OM"] = "968", ["EG"] = "20", ["JO"] = "962",
        ["LB"] = "961", ["IQ"] = "964", ["MA"] = "212", ["DZ"] = "213", ["TN"] = "216", ["US"] = "1", ["CA"] = "1", ["GB"] = "44",
        ["FR"] = "33", ["DE"] = "49", ["TR"] = "90", ["IN"] = "91", ["PK"] = "92",
    };

    public static string? NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant() is { Length: > 0 } e && e.Contains('@') ? e : null;

    /// <param name="countryCode">The lead's ISO country (Odoo's <c>country_id.code</c>), for a phone written nationally (<c>055…</c>).</param>
    public static string? NormalizePhone(string? phone, string? countryCode)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = phone.Trim();
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 6)
        {
            return null;
        }

        if (text.StartsWith('+'))
        {
            return digits;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return digits[2..];
        }

        if (countryCode is not null && CallingCodes.TryGetValue(countryCode, out var calling))
        {
            // Already international without the plus (9665…), or national with its trunk 0 (05…).
            return digits.StartsWith(calling, StringComparison.Ordinal) && digits.Length > 10 ? digits : calling + digits.TrimStart('0');
        }

        return null;
    }

    public static string Sha256(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    public static string? HashEmail(string? email) => NormalizeEmail(email) is { } e ? Sha256(e) : null;

    public static string? HashPhone(string? phone, string? countryCode) => NormalizePhone(phone, countryCode) is { } p ? Sha256(p) : null;
}
