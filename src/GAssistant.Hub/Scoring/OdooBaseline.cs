namespace GAssistant.Hub.Scoring;

/// <summary>
/// Odoo's PLS (<see cref="OdooLeadScoring"/>) fitted on a table of closed leads, as Odoo would score them
/// when they arrive: every lead in the first stage (so the stage factor is 1 and the prior is Odoo's
/// won/lost totals), each column a PLS field. PLS only knows categorical fields, so a numeric column
/// becomes its training quintile; missing values are left out as Odoo leaves out empty fields.
/// </summary>
public sealed class OdooBaseline
{
    private const string ArrivalStage = "new";
    private static readonly double[] QuintileCuts = [0.2, 0.4, 0.6, 0.8];
    private readonly OdooLeadScoring _pls = new([new OdooLeadScoring.Stage(ArrivalStage, 1)]);
    private readonly IReadOnlyList<ScoringColumn> _columns;
    private readonly int _teamColumn;
    private readonly double[][] _cuts;

    private OdooBaseline(ScoringDataset training, string? teamColumn)
    {
        _columns = training.Columns;
        _teamColumn = teamColumn is null ? -1 : training.Columns.ToList().FindIndex(c => c.Name == teamColumn);
        _cuts = training.Columns.Select((c, i) => c.Kind == ColumnKind.Number ? Quintiles(training.Rows.Select(r => ScoringDataset.ParseNumber(r.Values[i]))) : []).ToArray();
        foreach (var row in training.Rows)
        {
            _pls.AddClosed(Lead(row.Values), row.Won);
        }
    }

    /// <param name="teamColumn">The column Odoo would use as <c>team_id</c> (per-team tables), if any.</param>
    public static OdooBaseline Fit(ScoringDataset training, string? teamColumn = null) => new(training, teamColumn);

    /// <summary>Probability (0–1) of being won; 0.5 where Odoo computes none (a team with no won or no lost lead).</summary>
    public double Predict(string?[] values) => (_pls.Probability(Lead(values)) ?? 50) / 100;

    private OdooLeadScoring.PlsLead Lead(string?[] values)
    {
        var fields = new List<KeyValuePair<string, string>>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (i != _teamColumn && Field(i, values[i]) is { } value)
            {
                fields.Add(new(_columns[i].Name, value));
            }
        }

        return new OdooLeadScoring.PlsLead(_teamColumn >= 0 ? values[_teamColumn] : null, ArrivalStage, fields);
    }

    private string? Field(int column, string? value)
    {
        if (value is null || _columns[column].Kind == ColumnKind.Category)
        {
            return value;
        }

        var number = ScoringDataset.ParseNumber(value);
        return double.IsNaN(number) ? null : $"q{_cuts[column].Count(cut => number > cut)}";
    }

    private static double[] Quintiles(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0
            ? []
            : QuintileCuts.Select(q => sorted[(int)(q * (sorted.Length - 1))]).Distinct().ToArray();
    }
}
