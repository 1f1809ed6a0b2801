namespace GAssistant.Hub.Components.Shared;

/// <param name="PreviousLeads">The compared period's leads of the same name (0 when it had none); null without a comparison.</param>
public sealed record BreakdownRow(string Name, int Leads, int Won, decimal Revenue, int? PreviousLeads = null)
{
    /// <summary>Rows with the compared period's leads of the same name; without a comparison, the rows as they are.</summary>
    public static IReadOnlyList<BreakdownRow> Compare(IEnumerable<BreakdownRow> rows, IReadOnlyDictionary<string, int>? previousLeads) =>
        previousLeads is null ? rows.ToList() : rows.Select(r => r with { PreviousLeads = previousLeads.GetValueOrDefault(r.Name) }).ToList();
}
