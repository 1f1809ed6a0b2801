using System.Globalization;
using System.Text;
using GAssistant.Hub.Data;
using PhoneNumbers;

namespace GAssistant.Hub.Odoo;

/// <summary>A phone number as typed, and in E.164 (<c>+966501234567</c>) when it could be understood.</summary>
public sealed record LeadPhone(string Typed, string? E164, string? Country, PhoneProblem Problem)
{
    public bool Flagged => Problem != PhoneProblem.None;

    /// <summary>What goes into Odoo's <c>phone</c>: E.164 when understood, else the number as typed (never dropped).</summary>
    public string ForOdoo => E164 ?? Typed;
}

/// <summary>
/// Phone numbers as WhatsApp and Odoo's <c>phone_sanitized</c> need them, with Google's libphonenumber: Arabic-Indic
/// (٠-٩) and Eastern Arabic-Indic (۰-۹) digits, spaces, dashes, brackets, direction marks and an international
/// <c>00</c> prefix are accepted; a national number (<c>05…</c>) is read in the first of the given countries where it is
/// a valid number. Pure.
/// </summary>
public static class PhoneNumbering
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The countries libphonenumber knows, by ISO 3166 alpha-2 code (<c>SA</c>, <c>AE</c>, <c>EG</c>, <c>JO</c>…).</summary>
    public static bool IsCountry(string? code) => code is { Length: 2 } && Util.GetSupportedRegions().Contains(code.ToUpperInvariant());

    /// <summary>
    /// The country of a form answer or setting: an ISO code (<c>SA</c>, <c>sa</c>) or a country's name in English or in
    /// its own language (<c>Saudi Arabia</c>, <c>المملكة العربية السعودية</c>, <c>مصر</c>); null when it names none.
    /// </summary>
    public static string? CountryOf(string? answer)
    {
        var text = answer?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IsCountry(text) ? text.ToUpperInvariant() : CountryNames.Value.GetValueOrDefault(text);
    }

    private static readonly Lazy<Dictionary<string, string>> CountryNames = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (IsCountry(region.TwoLetterISORegionName))
                {
                    names.TryAdd(region.EnglishName, region.TwoLetterISORegionName);
                    names.TryAdd(region.NativeName, region.TwoLetterISORegionName);
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region of its own.
            }
        }

        return names;
    });

    /// <summary>Null for a blank number; otherwise the number in E.164, or as typed and flagged.</summary>
    public static LeadPhone? Normalize(string? typed, IEnumerable<string?> countries)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var kept = typed.Trim();
        var text = Digits(kept);
        var international = text.StartsWith('+');
        List<string?> tried = international ? [null] : countries.Where(IsCountry).Select(c => c!.ToUpperInvariant()).Distinct().ToList<string?>();
        if (tried.Count == 0)
        {
            return new LeadPhone(kept, null, null, PhoneProblem.NoCountry);
        }

        foreach (var country in tried)
        {
            if (TryParse(text, country) is { } number && Util.IsValidNumber(number))
            {
                return new LeadPhone(kept, Util.Format(number, PhoneNumberFormat.E164), Util.GetRegionCodeForNumber(number), PhoneProblem.None);
            }
        }

        return new LeadPhone(kept, null, null, PhoneProblem.NotANumber);
    }

    private static PhoneNumber? TryParse(string text, string? country)
    {
        try
        {
            return Util.Parse(text, country ?? "ZZ");
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The text with Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits as ASCII digits, everything else kept.</summary>
    public static string AsciiDigits(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                    >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                    _ => c,
                };
            }
        });

    /// <summary>ASCII digits, a leading <c>+</c> for <c>+</c>, <c>＋</c> or <c>00</c>; separators and direction marks dropped.</summary>
    internal static string Digits(string typed)
    {
        var text = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            if (c is >= '\u0660' and <= '\u0669')
            {
                text.Append((char)('0' + (c - '\u0660')));
            }
            else if (c is >= '\u06F0' and <= '\u06F9')
            {
                text.Append((char)('0' + (c - '\u06F0')));
            }
            else if (char.IsAsciiDigit(c) || char.IsAsciiLetter(c))
            {
                text.Append(c);
            }
            else if (c is '+' or '\uFF0B' && text.Length == 0)
            {
                text.Append('+');
            }
        }

        // 00 is the international prefix in the Gulf, Egypt, Jordan and most of the world; read it as + without a country.
        return text.Length > 2 && text[0] == '0' && text[1] == '0' ? "+" + text.ToString(2, text.Length - 2) : text.ToString();
    }
}

/// <summary>Email addresses compared as Odoo's matching should: trimmed and lower-cased (the lead keeps them as typed).</summary>
public static class LeadEmail
{
    public static string? ForMatching(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim().ToLowerInvariant();
}
