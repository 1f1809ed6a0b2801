using System.Security.Cryptography;
using System.Text;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// Meta's customer information parameters (https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters):
/// <c>em</c> and <c>ph</c> are the lowercase hex SHA-256 of the normalised value. Email: trimmed and lowercased. Phone:
/// digits only, with the country calling code (E.164 without its <c>+</c>, as the lead's phone goes to Odoo). A phone
/// written without its country code is hashed only when the lead's country says which code it is; otherwise it is left
/// out rather than sent wrong. Pure.
/// </summary>
public static class CustomerHashing
{
    public static string? NormalizeEmail(string? email) => LeadEmail.ForMatching(email) is { } e && e.Contains('@') ? e : null;

    /// <param name="countryCode">The lead's ISO country (Odoo's <c>country_id.code</c>), for a phone written nationally (<c>055…</c>).</param>
    /// <returns>The E.164 number without its <c>+</c> (<see cref="PhoneNumbering"/>); null when it is not understood.</returns>
    public static string? NormalizePhone(string? phone, string? countryCode) => PhoneNumbering.Normalize(phone, [countryCode])?.E164?[1..];

    public static string Sha256(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    public static string? HashEmail(string? email) => NormalizeEmail(email) is { } e ? Sha256(e) : null;

    public static string? HashPhone(string? phone, string? countryCode) => NormalizePhone(phone, countryCode) is { } p ? Sha256(p) : null;
}
