using System.Globalization;

namespace GAssistant.Hub.Scoring;

/// <summary>
/// <c>score-eval --csv FILE --target COLUMN [--exclude COL,…]</c> (CONTRACT.md, "Commands"): stratified
/// 5-fold cross-validation of the hub's model and of Odoo's PLS on any CSV of closed leads. The last two
/// lines are the <c>model:</c> and <c>baseline:</c> metrics. Exit codes: 0 done, 2 bad arguments or CSV,
/// 3 refused (too little data, or no feature left).
/// </summary>
public static class ScoreEvalCommand
{
    public const string Name = "score-eval";
    public const int Usage = 2;
    public const int Refused = 3;

    private const string UsageText = "usage: score-eval --csv FILE --target COLUMN [--exclude COL,…]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!TryParse(args, out var csv, out var target, out var exclude, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(UsageText);
            return Usage;
        }

        CsvLeadTable.Result read;
        try
        {
            using var reader = new StreamReader(csv!);
            read = CsvLeadTable.Read(reader, target!, exclude);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CsvLeadTable.CsvLeadException)
        {
            error.WriteLine($"score-eval: {ex.Message}");
            return Usage;
        }

        var data = read.Data;
        output.WriteLine($"score-eval: {Path.GetFileName(csv)}: {data.Rows.Count} closed leads ({data.Won} won, {data.Lost} lost), target '{target}'");
        if (read.SkippedWithoutTarget > 0)
        {
            output.WriteLine($"skipped {read.SkippedWithoutTarget} rows without an outcome");
        }

        if (read.ExcludedColumns.Count > 0)
        {
            output.WriteLine($"excluded by --exclude: {string.Join(", ", read.ExcludedColumns)}");
        }

        output.WriteLine($"features: {data.Columns.Count} ({data.Columns.Count(c => c.Kind == ColumnKind.Category)} categories, {data.Columns.Count(c => c.Kind == ColumnKind.Number)} numbers)");
        if (TrainingGate.Refusal(data.Won, data.Lost) is { } refusal)
        {
            error.WriteLine($"score-eval: {refusal}");
            return Refused;
        }

        var result = CrossValidation.Run(data);
        foreach (var leak in result.Refused)
        {
            output.WriteLine(leak.Message);
        }

        if (result.Refused.Count == data.Columns.Count)
        {
            error.WriteLine("score-eval: no feature is left to learn from.");
            return Refused;
        }

        Print(result, output);
        return 0;
    }

    private static void Print(CrossValidation.Result result, TextWriter output)
    {
        output.WriteLine($"{CrossValidation.DefaultFolds}-fold stratified cross-validation (seed {CrossValidation.DefaultSeed}); totals are over all out-of-fold predictions");
        foreach (var fold in result.Folds)
        {
            output.WriteLine(Invariant($"fold {fold.Number}: {fold.Model.Leads} leads, model auc={fold.Model.Auc:0.000}, baseline auc={fold.Baseline.Auc:0.000}"));
        }

        output.WriteLine("calibration (out-of-fold): leads, mean predicted, observed won rate");
        output.WriteLine("probability   model                       baseline");
        for (var b = 0; b < result.ModelCalibration.Count; b++)
        {
            var m = result.ModelCalibration[b];
            var p = result.BaselineCalibration[b];
            output.WriteLine(Invariant($"{m.From:0.0}-{m.To:0.0}     {m.Leads,6} {m.MeanPredicted,7:0.000} {m.ObservedWonRate,7:0.000}    {p.Leads,6} {p.MeanPredicted,7:0.000} {p.ObservedWonRate,7:0.000}"));
        }

        output.WriteLine(Line("model", result.Model));
        output.WriteLine(Line("baseline", result.Baseline));
    }

    public static string Line(string name, ScoringMetrics m) =>
        Invariant($"{name}: auc={m.Auc:0.000} logloss={m.LogLoss:0.000} accuracy={m.Accuracy:0.000}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool TryParse(string[] args, out string? csv, out string? target, out List<string> exclude, out string problem)
    {
        csv = null;
        target = null;
        exclude = [];
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--csv" when value is not null:
                    csv = value;
                    i++;
                    break;
                case "--target" when value is not null:
                    target = value;
                    i++;
                    break;
                case "--exclude" when value is not null:
                    exclude.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    i++;
                    break;
                default:
                    problem = $"score-eval: unexpected argument '{args[i]}'.";
                    return false;
            }
        }

        problem = csv is null ? "score-eval: --csv FILE is required." : target is null ? "score-eval: --target COLUMN is required." : "";
        return problem.Length == 0;
    }
}
