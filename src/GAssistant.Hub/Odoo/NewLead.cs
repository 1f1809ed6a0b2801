using System.Net.Mail;

namespace GAssistant.Hub.Odoo;

/// <summary>The body of <c>POST /api/odoo/leads</c> (CONTRACT.md). Any language is fine in the texts.</summary>
public sealed record NewLead(
    string? Name,
    string? PartnerName,
    string? Email,
    string? Phone,
    decimal? ExpectedRevenue,
    double? Probability,
    string? Source,
    string? Campaign,
    string? Medium,
    string? Description,
    string? Country = null,
    long? TeamId = null,
    long? UserId = null)
{
    private const int MaxText = 256;

    /// <summary>RFC 5321's limit on a forward path.</summary>
    private const int MaxEmail = 254;
    private const int MaxDescription = 10_000;
    private const decimal MaxRevenue = 1_000_000_000_000_000m;

    /// <summary>Per-field errors, empty when the lead can be created.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Blank(Name) && Blank(PartnerName) && Blank(Email) && Blank(Phone))
        {
            errors["name"] = ["Give the lead a name, or a contact (partner_name, email or phone)."];
        }

        if (!Blank(Email) && !IsEmail(Email!.Trim()))
        {
            errors["email"] = [$"'{Email}' is not an email address (name@example.com)."];
        }

        if (!Blank(Country) && !PhoneNumbering.IsCountry(Country!.Trim()))
        {
            errors["country"] = [$"'{Country}' is not a country code phone numbers are read in; give an ISO 3166 code such as SA, AE, EG or JO."];
        }

        if (TeamId is <= 0)
        {
            errors["team_id"] = ["team_id must be the id of an Odoo sales team (crm.team), a positive number."];
        }

        if (UserId is <= 0)
        {
            errors["user_id"] = ["user_id must be the id of an Odoo user (res.users), a positive number."];
        }

        if (Probability is < 0 or > 100 || (Probability is { } p && !double.IsFinite(p)))
        {
            errors["probability"] = ["probability must be from 0 to 100."];
        }

        if (ExpectedRevenue < 0 || ExpectedRevenue >= MaxRevenue)
        {
            errors["expected_revenue"] = [$"expected_revenue must be from 0 to below {MaxRevenue:0}."];
        }

        foreach (var (field, value, limit) in new[]
        {
            ("name", Name, MaxText), ("partner_name", PartnerName, MaxText), ("email", Email, MaxEmail), ("phone", Phone, MaxText),
            ("source", Source, MaxText), ("campaign", Campaign, MaxText), ("medium", Medium, MaxText), ("description", Description, MaxDescription),
        })
        {
            if (value is { Length: > 0 } && value.Length > limit)
            {
                errors[field] = [$"{field} is limited to {limit} characters."];
            }
        }

        return errors;
    }

    /// <summary>The phone in E.164 when it can be read in the body's country, else <paramref name="defaultCountry"/>; else as typed and flagged.</summary>
    public LeadPhone? NormalizedPhone(string? defaultCountry) => PhoneNumbering.Normalize(Phone, [Clean(Country), defaultCountry]);

    /// <summary>Odoo requires a name: fall back to the contact.</summary>
    public string LeadName => Clean(Name) ?? Clean(PartnerName) ?? Clean(Email) ?? Clean(Phone) ?? "";

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal) && !address.Host.EndsWith('.');
}
