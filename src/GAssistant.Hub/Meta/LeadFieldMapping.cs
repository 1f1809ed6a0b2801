using System.Globalization;
using System.Text;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The <c>crm.lead</c> values made from a Meta lead's answers; <see cref="Tags"/> are <c>crm.tag</c> names,
/// <see cref="Problems"/> answers that could not go where their form's mapping says (kept in the description instead).
/// </summary>
public sealed record OdooLeadValues(string Name, IReadOnlyDictionary<string, string> Fields, string Description)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>
/// What the mapping knows of the form and of Odoo: the form's questions (their labels, in the form's language, name
/// the answers kept in the description), its own mapping, and the types of Odoo's lead fields (a date answer is
/// written as Odoo's date, a number as a number). All optional: without them answers are text and keys name them.
/// </summary>
public sealed record LeadMappingContext(MetaForm? Form, MetaFormOptions? FormOptions, IReadOnlyList<OdooLeadField>? LeadFields)
{
    public static LeadMappingContext None { get; } = new(null, null, null);
}

/// <summary>
/// Maps form answers to <c>crm.lead</c> fields: Meta's standard question names by default
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create#standard-questions), overridden or
/// extended by <c>Meta:FieldMapping</c>, then by the form's own <c>Meta:Forms:&lt;id&gt;:Fields</c>; <c>first_name</c> +
/// <c>last_name</c> stand in for <c>full_name</c>; unmapped answers and the custom disclaimer's checkboxes go into the
/// description as "question: answer" in the form's language. A question mapped to tags makes a tag of each answer. Pure.
/// </summary>
public static class LeadFieldMapping
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["full_name"] = "contact_name",
        ["email"] = "email_from",
        ["phone_number"] = "phone",
        ["city"] = "city",
        ["company_name"] = "partner_name",
        ["job_title"] = "function",
    };

    /// <summary>The text that marks a lead as made from this Meta lead, so a lost link can be found again.</summary>
    public static string Marker(string leadgenId) => $"[meta_lead:{leadgenId}]";

    /// <summary>Where a question's answer goes by default: its standard field, else the description.</summary>
    public static string Proposed(string questionKey, IReadOnlyDictionary<string, string> configured) =>
        configured.TryGetValue(questionKey, out var field) && !string.IsNullOrWhiteSpace(field) ? field
        : Defaults.TryGetValue(questionKey, out var standard) ? standard
        : FormTarget.Description;

    public static OdooLeadValues Map(MetaLead lead, IReadOnlyDictionary<string, string> configured) => Map(lead, configured, LeadMappingContext.None);

    public static OdooLeadValues Map(MetaLead lead, IReadOnlyDictionary<string, string> configured, LeadMappingContext context)
    {
        var mapping = new Dictionary<string, string>(Defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (question, field) in configured)
        {
            mapping[question] = field;
        }

        foreach (var (question, target) in context.FormOptions?.Fields ?? [])
        {
            mapping[question] = target;
        }

        var language = context.Form?.Language ?? "en";
        var odooFields = context.LeadFields?.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = new List<string>();
        var problems = new List<string>();
        var description = new StringBuilder();
        string? first = null, last = null;
        foreach (var answer in lead.Answers)
        {
            var label = context.Form?.LabelOf(answer.Name) ?? answer.Name;
            if (!mapping.TryGetValue(answer.Name, out var target) || string.IsNullOrWhiteSpace(target)
                || target.Equals(FormTarget.Description, StringComparison.OrdinalIgnoreCase))
            {
                if (answer.Name.Equals("first_name", StringComparison.OrdinalIgnoreCase) && !mapping.ContainsKey(answer.Name))
                {
                    first = answer.Text;
                }
                else if (answer.Name.Equals("last_name", StringComparison.OrdinalIgnoreCase) && !mapping.ContainsKey(answer.Name))
                {
                    last = answer.Text;
                }
                else
                {
                    description.Append(label).Append(": ").AppendLine(answer.Text);
                }

                continue;
            }

            if (target.Equals(FormTarget.Tags, StringComparison.OrdinalIgnoreCase))
            {
                tags.AddRange(answer.Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()));
                continue;
            }

            OdooLeadField? odooField = null;
            if (odooFields is not null && !odooFields.TryGetValue(target, out odooField))
            {
                problems.Add(Strings.Get("Mapping.FieldGone", language, label, target));
                description.Append(label).Append(": ").AppendLine(answer.Text);
                continue;
            }

            if (Convert(answer, odooField) is { } value)
            {
                fields.TryAdd(target, value);
            }
            else
            {
                problems.Add(Strings.Get("Mapping.NotConvertible", language, label, answer.Text, odooField!.Label));
                description.Append(label).Append(": ").AppendLine(answer.Text);
            }
        }

        if (!fields.ContainsKey("contact_name") && (first ?? last) is not null)
        {
            fields["contact_name"] = string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p)));
        }

        var who = fields.GetValueOrDefault("contact_name") ?? fields.GetValueOrDefault("email_from") ?? fields.GetValueOrDefault("phone") ?? $"lead {lead.Id}";
        var name = $"{who} – {lead.CampaignName ?? lead.SourceName + " lead form"}";
        if (lead.Consents.Count > 0)
        {
            // What the person agreed to in the form's custom disclaimer, kept on the Odoo lead as it was answered.
            var agreed = Strings.Get("Mapping.Agreed", language);
            var refused = Strings.Get("Mapping.NotAgreed", language);
            description.Append(Strings.Get("Mapping.Consent", language)).Append(": ")
                .AppendLine(string.Join("; ", lead.Consents.Select(c => $"{c.Key}: {(c.Checked ? agreed : refused)}")));
        }

        description.Append("Meta: ").Append(lead.SourceName).Append(lead.IsOrganic ? " (organic)" : "")
            .Append(", form ").Append(lead.FormId ?? "?").Append(' ').AppendLine(Marker(lead.Id));
        return new OdooLeadValues(name.Length > 500 ? name[..500] : name, fields, description.ToString())
        {
            Tags = [.. tags.Distinct(StringComparer.OrdinalIgnoreCase)],
            Problems = problems,
        };
    }

    /// <summary>
    /// The answer as Odoo's field takes it: a date as <c>yyyy-MM-dd</c>, a date and time in UTC as <c>yyyy-MM-dd HH:mm:ss</c>,
    /// a number with a dot, a choice by its key or its label; null when the answer is not one (then it goes to the description).
    /// </summary>
    public static string? Convert(LeadAnswer answer, OdooLeadField? field)
    {
        var text = answer.Text.Trim();
        if (field is null || text.Length == 0)
        {
            return field is null ? answer.Text : null;
        }

        switch (field.Type)
        {
            case "date":
                return ParseTime(text) is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            case "datetime":
                return ParseTime(text) is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : null;
            case "integer":
                return long.TryParse(PhoneNumbering.AsciiDigits(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    ? n.ToString(CultureInfo.InvariantCulture) : null;
            case "float" or "monetary":
                return decimal.TryParse(PhoneNumbering.AsciiDigits(text).Replace('٫', '.').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number,
                    CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : null;
            case "selection":
                return field.Selection.FirstOrDefault(c => c.Key.Equals(text, StringComparison.OrdinalIgnoreCase)
                    || c.Label.Equals(text, StringComparison.CurrentCultureIgnoreCase))?.Key;
            default:
                return answer.Text;
        }
    }

    /// <summary>Meta's date answers: ISO (<c>2026-12-24</c>, <c>2026-12-24T16:00:00+0300</c>) or <c>MM/dd/yyyy</c>.</summary>
    private static DateTimeOffset? ParseTime(string text)
    {
        text = PhoneNumbering.AsciiDigits(text);
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "MM/dd/yyyy", "MM/dd/yyyy HH:mm"];
        var normalised = text.Length > 5 && (text[^5] is '+' or '-') && text[^3] != ':' ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParseExact(normalised, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;
    }
}
