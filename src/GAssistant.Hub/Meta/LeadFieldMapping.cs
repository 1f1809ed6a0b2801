using System.Text;

namespace GAssistant.Hub.Meta;

/// <summary>The <c>crm.lead</c> values made from a Meta lead's answers.</summary>
public sealed record OdooLeadValues(string Name, IReadOnlyDictionary<string, string> Fields, string Description);

/// <summary>
/// Maps form answers to <c>crm.lead</c> fields: Meta's standard question names by default
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/create#standard-questions), overridden or
/// extended by <c>Meta:FieldMapping</c>; <c>first_name</c> + <c>last_name</c> stand in for <c>full_name</c>;
/// unmapped answers and the custom disclaimer's checkboxes (agreed or not) go into the description. Pure.
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

    public static OdooLeadValues Map(MetaLead lead, IReadOnlyDictionary<string, string> configured)
    {
        var mapping = new Dictionary<string, string>(Defaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (question, field) in configured)
        {
            mapping[question] = field;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var description = new StringBuilder();
        string? first = null, last = null;
        foreach (var answer in lead.Answers)
        {
            if (mapping.TryGetValue(answer.Name, out var field) && !string.IsNullOrWhiteSpace(field))
            {
                fields.TryAdd(field, answer.Text);
            }
            else if (answer.Name.Equals("first_name", StringComparison.OrdinalIgnoreCase))
            {
                first = answer.Text;
            }
            else if (answer.Name.Equals("last_name", StringComparison.OrdinalIgnoreCase))
            {
                last = answer.Text;
            }
            else
            {
                description.Append(answer.Name).Append(": ").AppendLine(answer.Text);
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
            description.Append("Consent: ").AppendLine(string.Join("; ", lead.Consents.Select(c => $"{c.Key}: {(c.Checked ? "agreed" : "not agreed")}")));
        }

        description.Append("Meta: ").Append(lead.SourceName).Append(lead.IsOrganic ? " (organic)" : "")
            .Append(", form ").Append(lead.FormId ?? "?").Append(' ').AppendLine(Marker(lead.Id));
        return new OdooLeadValues(name.Length > 500 ? name[..500] : name, fields, description.ToString());
    }
}
