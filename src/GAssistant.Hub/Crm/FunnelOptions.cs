using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace GAssistant.Hub.Crm;

/// <summary>
/// <c>Funnel:*</c>: when a lead counts as qualified in /crm's funnel. At most one of a stage (that stage of Odoo's
/// pipeline or a later one) or a minimum probability; neither: an opportunity (Odoo's <c>type</c>). A won lead has
/// reached every step whatever the rule.
/// </summary>
public sealed class FunnelOptions : IValidatableObject
{
    public const string Section = "Funnel";

    /// <summary>An Odoo stage name: a lead in it, or in a stage after it in the pipeline (crm.stage's sequence), is qualified.</summary>
    public string? QualifiedStage { get; set; }

    /// <summary>A lead with at least this probability (0–100) is qualified.</summary>
    [Range(0.0, 100.0)]
    public double? QualifiedMinProbability { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(QualifiedStage) && QualifiedMinProbability is not null)
        {
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                $"Funnel:QualifiedStage '{QualifiedStage}' and Funnel:QualifiedMinProbability {QualifiedMinProbability} are both set; a lead is qualified by one rule: set only one."),
                [nameof(QualifiedStage), nameof(QualifiedMinProbability)]);
        }
    }
}
