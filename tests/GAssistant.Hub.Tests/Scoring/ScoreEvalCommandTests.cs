using System.Text.RegularExpressions;
using GAssistant.Hub.Scoring;

namespace GAssistant.Hub.Tests.Scoring;

public sealed partial class ScoreEvalCommandTests
{
    [GeneratedRegex(@"^model: auc=\d\.\d{3} logloss=\d+\.\d{3} accuracy=\d\.\d{3}$")]
    private static partial Regex ModelLine();

    [GeneratedRegex(@"^baseline: auc=\d\.\d{3} logloss=\d+\.\d{3} accuracy=\d\.\d{3}$")]
    private static partial Regex BaselineLine();

    private static (int Exit, string[] Lines, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ScoreEvalCommand.Run(args, output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    private static double Auc(string line) =>
        double.Parse(Regex.Match(line, @"auc=(\d\.\d{3})").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void It_prints_folds_calibration_and_ends_with_the_model_and_baseline_lines()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(300));

        var (exit, lines, error) = Run("--csv", csv, "--target", "Converted", "--exclude", "Lead Id");

        Assert.True(exit == 0, error);
        Assert.Contains(lines, l => l.StartsWith("score-eval: ", StringComparison.Ordinal) && l.Contains("300 closed leads"));
        Assert.Contains("excluded by --exclude: Lead Id", lines);
        Assert.Equal(5, lines.Count(l => l.StartsWith("fold ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("0.9-1.0", StringComparison.Ordinal));
        Assert.Matches(ModelLine(), lines[^2]);
        Assert.Matches(BaselineLine(), lines[^1]);
        Assert.True(Auc(lines[^2]) is > 0.65 and < 0.99, string.Join("\n", lines));
    }

    [Fact]
    public void It_is_deterministic()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(200, seed: 5));

        var first = Run("--csv", csv, "--target", "Converted");
        var second = Run("--csv", csv, "--target", "Converted");

        Assert.Equal(first.Lines, second.Lines);
    }

    [Fact]
    public void A_leaking_column_is_refused_loudly_and_left_out_of_the_model()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(300, leak: true));

        var (exit, lines, _) = Run("--csv", csv, "--target", "Converted");

        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.StartsWith("refused column 'Stage At Close'", StringComparison.Ordinal));
        Assert.InRange(Auc(lines[^2]), 0.5, 0.95);
        Assert.InRange(Auc(lines[^1]), 0.5, 0.95);
    }

    [Fact]
    public void Too_little_data_is_refused_with_exit_code_three()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(40));

        var (exit, _, error) = Run("--csv", csv, "--target", "Converted");

        Assert.Equal(ScoreEvalCommand.Refused, exit);
        Assert.Contains("Too few closed leads to train: 40", error);
    }

    [Theory]
    [InlineData("--target", "Converted")]
    [InlineData("--csv", "x.csv", "--bogus")]
    public void Bad_arguments_print_the_usage_with_exit_code_two(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.Equal(ScoreEvalCommand.Usage, exit);
        Assert.Contains("usage: score-eval --csv FILE --target COLUMN", error);
    }

    [Fact]
    public void A_missing_target_column_is_named()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(60));

        var (exit, _, error) = Run("--csv", csv, "--target", "Outcome");

        Assert.Equal(ScoreEvalCommand.Usage, exit);
        Assert.Contains("No column 'Outcome'", error);
    }

    [Fact]
    public void The_hub_executable_runs_score_eval_as_a_command_without_the_web_server()
    {
        var csv = SyntheticLeads.WriteFile(SyntheticLeads.Csv(120));

        var handled = HubCommands.TryRun(["score-eval", "--csv", csv, "--target", "Converted"], out var exit);

        Assert.True(handled);
        Assert.Equal(0, exit);
    }
}
