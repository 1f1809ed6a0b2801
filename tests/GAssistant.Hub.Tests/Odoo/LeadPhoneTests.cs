using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>Phone numbers as WhatsApp and Odoo's <c>phone_sanitized</c> need them (E.164), from what people type in the region.</summary>
public sealed class LeadPhoneTests
{
    public static TheoryData<string, string, string> Understood => new()
    {
        // Saudi Arabia: national mobile and landline, +966, 00966, in Western, Arabic-Indic and Eastern Arabic-Indic digits.
        { "0501234567", "SA", "+966501234567" },
        { "050 123 4567", "SA", "+966501234567" },
        { "050-123-4567", "SA", "+966501234567" },
        { "+966 50 123 4567", "SA", "+966501234567" },
        { "00966501234567", "SA", "+966501234567" },
        { "٠٥٠١٢٣٤٥٦٧", "SA", "+966501234567" },
        { "۰۵۰۱۲۳۴۵۶۷", "SA", "+966501234567" },
        { "+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧", "SA", "+966501234567" },
        { "٠٠٩٦٦٥٠١٢٣٤٥٦٧", "SA", "+966501234567" },
        { "\u200f+966\u200f501234567", "SA", "+966501234567" },
        { "011 234 5678", "SA", "+966112345678" },
        // The Emirates.
        { "050 123 4567", "AE", "+971501234567" },
        { "+971-50-123-4567", "AE", "+971501234567" },
        { "00971501234567", "AE", "+971501234567" },
        { "٠٥٠١٢٣٤٥٦٧", "AE", "+971501234567" },
        { "۰۰۹۷۱۵۰۱۲۳۴۵۶۷", "AE", "+971501234567" },
        // Egypt.
        { "01012345678", "EG", "+201012345678" },
        { "010 1234 5678", "EG", "+201012345678" },
        { "+20 10 1234 5678", "EG", "+201012345678" },
        { "٠١٠١٢٣٤٥٦٧٨", "EG", "+201012345678" },
        { "۰۱۰۱۲۳۴۵۶۷۸", "EG", "+201012345678" },
        // Jordan.
        { "0791234567", "JO", "+962791234567" },
        { "079 123 4567", "JO", "+962791234567" },
        { "00962791234567", "JO", "+962791234567" },
        { "٠٧٩١٢٣٤٥٦٧", "JO", "+962791234567" },
        { "+٩٦٢٧٩١٢٣٤٥٦٧", "JO", "+962791234567" },
        // International numbers keep their own country whatever the form's.
        { "+1 650-253-0000", "SA", "+16502530000" },
        { "001 650 253 0000", "AE", "+16502530000" },
        { "+33 1 42 68 53 00", "EG", "+33142685300" },
        { "+966501234567", "JO", "+966501234567" },
        { "＋٩٧١٥٠١٢٣٤٥٦٧", "SA", "+971501234567" },
    };

    [Theory]
    [MemberData(nameof(Understood))]
    public void A_number_as_people_type_it_becomes_E164(string typed, string country, string e164)
    {
        var phone = PhoneNumbering.Normalize(typed, [country])!;

        Assert.Equal((e164, PhoneProblem.None), (phone.E164, phone.Problem));
        Assert.Equal(e164, phone.ForOdoo);
        Assert.Equal(typed.Trim(), phone.Typed);
    }

    [Theory]
    [InlineData("12345", "SA", PhoneProblem.NotANumber)]
    [InlineData("call me after 5", "AE", PhoneProblem.NotANumber)]
    [InlineData("0501234567", null, PhoneProblem.NoCountry)]
    [InlineData("0501234567", "XX", PhoneProblem.NoCountry)]
    [InlineData("+999 123", "SA", PhoneProblem.NotANumber)]
    public void A_number_that_cannot_be_understood_is_kept_as_typed_and_flagged(string typed, string? country, PhoneProblem problem)
    {
        var phone = PhoneNumbering.Normalize(typed, [country])!;

        Assert.Equal((null, problem, true), (phone.E164, phone.Problem, phone.Flagged));
        Assert.Equal(typed, phone.ForOdoo);
    }

    [Fact]
    public void No_phone_is_no_phone_not_a_flag() => Assert.Null(PhoneNumbering.Normalize("  ", ["SA"]));

    [Fact]
    public void The_first_country_in_which_the_number_is_valid_wins()
    {
        Assert.Equal("+971501234567", PhoneNumbering.Normalize("0501234567", [null, "AE", "SA"])!.E164);
        Assert.Equal("+966501234567", PhoneNumbering.Normalize("0501234567", ["XX", "SA", "AE"])!.E164);
    }

    [Theory]
    [InlineData("SA", "SA")]
    [InlineData(" sa ", "SA")]
    [InlineData("Saudi Arabia", "SA")]
    [InlineData("المملكة العربية السعودية", "SA")]
    [InlineData("مصر", "EG")]
    [InlineData("United Arab Emirates", "AE")]
    [InlineData("الأردن", "JO")]
    [InlineData("Atlantis", null)]
    [InlineData("", null)]
    public void A_country_answer_is_read_as_a_code_or_a_name_in_english_or_its_own_language(string answer, string? code) =>
        Assert.Equal(code, PhoneNumbering.CountryOf(answer));

    [Fact]
    public void Emails_are_matched_trimmed_and_lower_cased()
    {
        Assert.Equal("ahmed@example.com", LeadEmail.ForMatching("  Ahmed@Example.COM "));
        Assert.Null(LeadEmail.ForMatching(" "));
    }
}
