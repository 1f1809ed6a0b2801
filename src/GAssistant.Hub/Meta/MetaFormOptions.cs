namespace GAssistant.Hub.Meta;

/// <summary>
/// One form's own settings (<c>Meta:Forms:&lt;form id&gt;:*</c>, saved from Settings → Meta → Form mapping): where each
/// question's answer goes in Odoo, and the sales team and salesperson its leads go to. What it does not say falls back
/// to <see cref="MetaOptions.FieldMapping"/> and <see cref="LeadFieldMapping.Defaults"/>.
/// </summary>
public sealed class MetaFormOptions
{
    /// <summary>
    /// Question key → where its answer goes: a <c>crm.lead</c> field (custom <c>x_</c> fields too), <see cref="FormTarget.Description"/>
    /// ("question: answer" in the form's language) or <see cref="FormTarget.Tags"/> (each answer a <c>crm.tag</c>).
    /// </summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>crm.team</c> id of the form's leads; unset: Odoo's own default.</summary>
    public long? TeamId { get; set; }

    /// <summary>The <c>res.users</c> id of the salesperson of the form's leads; unset: Odoo's own assignment.</summary>
    public long? UserId { get; set; }
}

/// <summary>The targets of a question that are not Odoo fields.</summary>
public static class FormTarget
{
    public const string Description = "description";
    public const string Tags = "tags";

    public static bool IsSpecial(string target) =>
        target.Equals(Description, StringComparison.OrdinalIgnoreCase) || target.Equals(Tags, StringComparison.OrdinalIgnoreCase);
}
