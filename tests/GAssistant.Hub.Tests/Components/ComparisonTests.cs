using Bunit;
using GAssistant.Hub.Components.Shared;

namespace GAssistant.Hub.Tests.Components;

/// <summary>Issue 22 item 1: every figure beside the period it is compared with, its change and whether that is good.</summary>
public sealed class ComparisonTests : ComponentTest
{
    private static readonly DayRange November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    [Fact]
    public void The_previous_period_is_as_long_and_ends_the_day_before_and_last_year_is_the_same_days()
    {
        Assert.Equal(new DayRange(new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 31)), Comparison.Of(November, CompareTo.PreviousPeriod));
        Assert.Equal(new DayRange(new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30)), Comparison.Of(November, CompareTo.LastYear));
        Assert.Null(Comparison.Of(November, CompareTo.None));
        Assert.Null(Comparison.Of(new DayRange(null, null), CompareTo.PreviousPeriod)); // "all time" has nothing before it
        Assert.Null(Comparison.Of(new DayRange(null, null), CompareTo.LastYear));
        // A leap day a year back is the 28th: the range stays whole days.
        Assert.Equal(new DayRange(new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 1)),
            Comparison.Of(new DayRange(new DateOnly(2028, 2, 29), new DateOnly(2028, 3, 1)), CompareTo.LastYear));
    }

    [Theory]
    [InlineData(null, CompareTo.PreviousPeriod, null)]
    [InlineData("year", CompareTo.LastYear, "year")]
    [InlineData(" NONE ", CompareTo.None, "none")]
    [InlineData("previous", CompareTo.PreviousPeriod, null)]
    [InlineData("last-decade", CompareTo.PreviousPeriod, null)]
    public void The_comparison_reads_from_the_address_and_the_default_leaves_it_bare(string? text, CompareTo expected, string? written)
    {
        Assert.Equal(expected, Comparison.Read(text));
        Assert.Equal(written, Comparison.Write(expected));
    }

    [Theory]
    [InlineData(50, 40, 25.0)]
    [InlineData(30, 40, -25.0)]
    [InlineData(1, 3, -66.7)]
    [InlineData(40, 40, 0.0)]
    public void The_change_is_in_percent_of_the_compared_value(double current, double previous, double expected) =>
        Assert.Equal(expected, Comparison.PercentChange((decimal)current, (decimal)previous));

    [Fact]
    public void Nothing_before_or_an_unknown_figure_has_no_change_rather_than_an_infinite_one()
    {
        Assert.Null(Comparison.PercentChange(12m, 0m));
        Assert.Null(Comparison.PercentChange(12m, null));
        Assert.Null(Comparison.PercentChange(null, 5m)); // no cost per lead without leads
        Assert.Equal(0.0, Comparison.PercentChange(0m, 0m)); // nothing then and nothing now: no change
    }

    [Fact]
    public void More_leads_is_good_a_higher_cost_per_lead_is_bad_and_spend_is_neither()
    {
        Assert.Equal(ChangeTone.Good, Comparison.Tone(25.0, higherIsBetter: true));
        Assert.Equal(ChangeTone.Bad, Comparison.Tone(-25.0, higherIsBetter: true));
        Assert.Equal(ChangeTone.Bad, Comparison.Tone(10.0, higherIsBetter: false));
        Assert.Equal(ChangeTone.Good, Comparison.Tone(-10.0, higherIsBetter: false));
        Assert.Equal(ChangeTone.Flat, Comparison.Tone(10.0, higherIsBetter: null));
        Assert.Equal(ChangeTone.Flat, Comparison.Tone(0.0, higherIsBetter: true));
        Assert.Equal(ChangeTone.Flat, Comparison.Tone(null, higherIsBetter: true));
    }

    [Fact]
    public void A_card_shows_the_change_its_direction_and_what_it_is_compared_with()
    {
        var card = Render<StatCard>(p => p.Add(c => c.Label, "Cost per lead").Add(c => c.Value, "62.50 SAR").Add(c => c.TestId, "cpl")
            .Add(c => c.Compared, "50.00 SAR").Add(c => c.Current, 62.5m).Add(c => c.Before, 50m).Add(c => c.HigherIsBetter, false));

        var change = card.Find("[data-testid=change]");
        Assert.Equal("25", change.GetAttribute("data-change"));
        Assert.Equal("bad", change.GetAttribute("data-tone"));
        Assert.Contains("change-bad", change.ClassList);
        Assert.Equal("▲", card.Find(".stat-arrow").TextContent);
        Assert.Equal("+25.0%", card.Find(".stat-percent").TextContent);
        Assert.Equal("vs 50.00 SAR", card.Find("[data-testid=previous]").TextContent);
    }

    [Fact]
    public void In_arabic_the_card_says_what_it_is_compared_with_in_arabic_and_the_percentage_reads_left_to_right()
    {
        UseCulture("ar");
        var card = Render<StatCard>(p => p.Add(c => c.Label, "العملاء").Add(c => c.Value, "30").Add(c => c.Compared, "40")
            .Add(c => c.Current, 30m).Add(c => c.Before, 40m));

        Assert.Equal("مقابل 40", card.Find("[data-testid=previous]").TextContent);
        Assert.Equal("ltr", card.Find("[data-testid=previous] bdi").GetAttribute("dir"));
        Assert.Equal("bad", card.Find("[data-testid=change]").GetAttribute("data-tone"));
        var percent = card.Find("bdi.stat-percent");
        Assert.Equal("ltr", percent.GetAttribute("dir"));
        Assert.Equal("−25.0%", percent.TextContent);
        Assert.Equal("أسوأ من فترة المقارنة", card.Find("[data-testid=change]").GetAttribute("title"));
    }

    [Fact]
    public void A_card_with_nothing_to_compare_with_says_so_and_one_without_a_comparison_shows_no_change()
    {
        var card = Render<StatCard>(p => p.Add(c => c.Label, "Won").Add(c => c.Value, "3").Add(c => c.Compared, "0").Add(c => c.Current, 3m).Add(c => c.Before, 0m));
        Assert.Equal("No earlier figure", card.Find(".stat-percent").TextContent);
        Assert.Equal("", card.Find("[data-testid=change]").GetAttribute("data-change"));

        var plain = Render<StatCard>(p => p.Add(c => c.Label, "Won").Add(c => c.Value, "3"));
        Assert.Empty(plain.FindAll("[data-testid=change]"));
    }

    [Fact]
    public void A_breakdown_row_shows_its_leads_change_and_a_name_the_compared_period_lacked_as_new()
    {
        var rows = BreakdownRow.Compare([new BreakdownRow("Facebook", 16, 2, 1000), new BreakdownRow("TikTok", 4, 0, 0)],
            new Dictionary<string, int> { ["Facebook"] = 12, ["Website"] = 9 });
        var table = Render<BreakdownTable>(p => p.Add(c => c.Rows, rows));

        var changes = table.FindAll("[data-testid=row-change]");
        Assert.Equal(["33.3", ""], changes.Select(c => c.GetAttribute("data-change")));
        Assert.Equal("+33.3%", changes[0].TextContent.Trim());
        Assert.Equal("—", changes[1].TextContent.Trim()); // the words, in its label, would widen the column on a phone
        Assert.Equal("No earlier figure", changes[1].QuerySelector("span")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Chart_series_of_two_periods_line_up_by_category_and_by_position()
    {
        var (labels, values, compared) = ComparedSeries.ByLabel([("New", 10), ("Won", 2)], [("Won", 6), ("Lost", 3)]);
        Assert.Equal(["New", "Won", "Lost"], labels);
        Assert.Equal([10.0, 2, 0], values);
        Assert.Equal([0.0, 6, 3], compared!);
        Assert.Null(ComparedSeries.ByLabel([("New", 10)], null).Compared);

        Assert.Equal([1.0, 2, 0], ComparedSeries.Align([("01/10", 1), ("02/10", 2)], 3));
        Assert.Equal([1.0], ComparedSeries.Align([("01/10", 1), ("02/10", 2)], 1));
    }
}
