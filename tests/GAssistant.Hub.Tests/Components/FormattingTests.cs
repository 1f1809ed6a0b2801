using System.Globalization;
using GAssistant.Hub.Components.Shared;
using GAssistant.Hub.Crm;
using GAssistant.Hub.Localization;

namespace GAssistant.Hub.Tests.Components;

public sealed class FormattingTests
{
    private static readonly CultureInfo Arabic = HubCultures.Arabic;
    private static readonly CultureInfo English = HubCultures.English;

    [Fact]
    public void Both_languages_write_numbers_with_latin_digits_and_the_same_separators()
    {
        Assert.Equal("1,234,567.89 SAR", Fmt.Money(1234567.891m, "SAR", Arabic));
        Assert.Equal("1,234,567.89 SAR", Fmt.Money(1234567.891m, "SAR", English));
        Assert.Equal("34", Fmt.Number(34, Arabic));
        Assert.Equal("11.8%", Fmt.Percent(11.8, Arabic));
        Assert.Equal("\u200E-5.5", Fmt.Number(-5.5m, 1, Arabic));
        Assert.Equal("2026-11-24", Fmt.Date(new DateOnly(2026, 11, 24)));
        Assert.Equal("2026-11-24 15:30", Fmt.DateTimeText(new DateTime(2026, 11, 24, 15, 30, 0)));
    }

    [Fact]
    public void Arabic_keeps_its_words_with_the_hubs_digits()
    {
        var date = new DateTime(2026, 11, 24);
        Assert.Equal("نوفمبر 2026", date.ToString("MMMM yyyy", Arabic));
        Assert.True(Arabic.TextInfo.IsRightToLeft);
        Assert.Equal("1,234.5", 1234.5m.ToString("N1", Arabic));
    }

    [Theory]
    [InlineData(DatePreset.Today, "2026-11-24", "2026-11-24")]
    [InlineData(DatePreset.Last7Days, "2026-11-18", "2026-11-24")]
    [InlineData(DatePreset.Last30Days, "2026-10-26", "2026-11-24")]
    [InlineData(DatePreset.Last90Days, "2026-08-27", "2026-11-24")]
    [InlineData(DatePreset.MonthToDate, "2026-11-01", "2026-11-24")]
    public void Presets_are_whole_days_ending_today(DatePreset preset, string from, string to)
    {
        var range = DatePresets.Range(preset, new DateOnly(2026, 11, 24));
        Assert.Equal($"from={from}&to={to}", range.Query);
    }

    [Fact]
    public void The_previous_period_has_the_same_length_and_ends_the_day_before()
    {
        var range = DatePresets.Range(DatePreset.Last7Days, new DateOnly(2026, 11, 24));
        Assert.Equal(new DayRange(new DateOnly(2026, 11, 11), new DateOnly(2026, 11, 17)), range.Previous);
        Assert.Null(DatePresets.Range(DatePreset.AllTime, new DateOnly(2026, 11, 24)).Previous);
    }

    [Theory]
    [InlineData("Ahmed", "Ahmed")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+966 55 123", "'+966 55 123")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Csv_cells_are_quoted_and_formulas_defused(string value, string cell) =>
        Assert.Equal(cell, LeadCsv.Cell(value));

    [Fact]
    public void Summary_figures_are_derived_from_slices_with_worked_numbers()
    {
        var day = new DateOnly(2026, 11, 1);
        LeadSlice[] slices =
        [
            new("Won", "Facebook", "SAR", Won: true, Open: false, Leads: 2, Revenue: 20000m, RevenueTimesProbability: 2000000m, ProbabilitySum: 200),
            new("New", "Facebook", "SAR", Won: false, Open: true, Leads: 3, Revenue: 15000m, RevenueTimesProbability: 300000m, ProbabilitySum: 60),
            new("New", "Website", "USD", Won: false, Open: true, Leads: 1, Revenue: 1000m, RevenueTimesProbability: 10000m, ProbabilitySum: 10),
        ];

        CampaignSlice[] campaigns = [new("Ramadan", true, false, 2, 20000m), new("Ramadan", false, true, 3, 15000m), new(null, false, true, 1, 1000m)];
        var figures = CrmFigures.From(new LeadCube(slices, [new DayFigure(day, 5, 2), new DayFigure(day.AddDays(1), 1, 0)], campaigns));
        var s = figures.Summary;
        Assert.Equal(6, s.TotalLeads);
        Assert.Equal(36000m, s.ExpectedRevenue);
        Assert.Equal(23100m, s.WeightedRevenue);       // (2,000,000 + 300,000 + 10,000) / 100
        Assert.Equal(45.0, s.AvgProbability);          // 270 / 6
        Assert.Equal(1, s.ActiveCampaigns);            // Ramadan has open leads
        Assert.Equal(2, s.Won);
        Assert.Equal(33.33, s.ConversionRate);         // 2 / 6
        Assert.Equal("SAR", s.Currency);               // 5 leads against 1
        Assert.Equal([new StageFigure("New", 4, 16000m), new StageFigure("Won", 2, 20000m)], s.ByStage);
        Assert.Equal([new CampaignFigure("Ramadan", 5, 2, 35000m), new CampaignFigure("(none)", 1, 0, 1000m)], figures.ByCampaign);
        Assert.Equal([new DayFigure(day, 5, 2), new DayFigure(day.AddDays(1), 1, 0)], figures.OverTime);
    }

    [Fact]
    public void The_pipeline_follows_odoos_stage_order_and_puts_stages_odoo_no_longer_has_after_it()
    {
        LeadSlice Slice(string? stage, int leads) => new(stage, "Facebook", "SAR", stage == "Won", stage != "Won", leads, 1000m * leads, 0m, 0);
        var cube = new LeadCube([Slice("Won", 2), Slice("Proposition", 3), Slice("New", 9), Slice("Old stage", 1), Slice(null, 4), Slice("Qualified", 5)], [], [])
        {
            StageOrder = ["New", "Qualified", "Proposition", "Won"],
        };

        Assert.Equal(["New", "Qualified", "Proposition", "Won", CrmSummary.NoStage, "Old stage"], CrmSummary.From(cube).ByStage.Select(s => s.Stage));
        Assert.Equal(["New", "Qualified", CrmSummary.NoStage, "Proposition", "Won", "Old stage"], CrmSummary.From(cube with { StageOrder = [] }).ByStage.Select(s => s.Stage));
    }
}
