using System.Globalization;
using System.Text;

namespace GAssistant.Hub.Tests.Scoring;

/// <summary>A deterministic CSV of closed leads with a known signal (source, email validity, revenue) and noise.</summary>
internal static class SyntheticLeads
{
    private static readonly string[] Sources = ["Facebook", "Google", "Referral", "Event"];
    private static readonly double[] SourceLift = [-1.0, 0.0, 1.5, 0.5];
    private static readonly string[] Countries = ["SA", "EG", "AE", "Select", ""];

    /// <param name="leak">Adds a column "Stage At Close" that is the outcome written as text.</param>
    public static string Csv(int rows, int seed = 1, bool leak = false)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("Lead Id,Source,Country,Email Valid,Expected Revenue,Notes,Converted" + (leak ? ",Stage At Close" : "") + "\n");
        for (var i = 0; i < rows; i++)
        {
            var source = random.Next(Sources.Length);
            var emailValid = random.NextDouble() < 0.7;
            var revenue = Math.Round(random.NextDouble() * 10000);
            var logit = -0.5 + SourceLift[source] + (emailValid ? 0.8 : -0.8) + revenue / 10000 + (random.NextDouble() - 0.5);
            var won = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            var notes = random.Next(4) switch { 0 => "NA", 1 => "\"Called, no answer\"", 2 => "?", _ => "Interested" };
            csv.Append(CultureInfo.InvariantCulture, $"L{i},{Sources[source]},{Countries[random.Next(Countries.Length)]},{(emailValid ? "yes" : "no")},{revenue.ToString(CultureInfo.InvariantCulture)},{notes},{(won ? "1" : "0")}");
            csv.Append(leak ? (won ? ",Won" : ",Lost") : "").Append('\n');
        }

        return csv.ToString();
    }

    public static string WriteFile(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), "gah-tests", $"leads-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, csv);
        return path;
    }
}
