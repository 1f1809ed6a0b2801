using Bunit;
using GAssistant.Hub.Components.Shared;

namespace GAssistant.Hub.Tests.Components;

/// <summary>Issue 13, 1: a stage name reached MudChart's axis labels, which MudBlazor writes as raw SVG markup.</summary>
public sealed class ChartTextTests : ComponentTest
{
    private const string Hostile = "<img src=x onerror=alert(14)>";

    [Fact]
    public void A_stage_named_like_markup_is_drawn_as_text_in_the_pipeline_chart()
    {
        var chart = Render<BarChart>(p => p.Add(c => c.Labels, ["New", Hostile]).Add(c => c.Values, [3, 4]).Add(c => c.Series, "Leads"));

        Assert.Empty(chart.FindAll("img"));
        Assert.Contains(chart.FindAll("svg text"), t => t.TextContent == Hostile);
    }

    [Fact]
    public void A_label_named_like_markup_is_drawn_as_text_in_the_line_chart()
    {
        var chart = Render<LineChart>(p => p.Add(c => c.Points, [(Hostile, 1d), ("b", 2d)]).Add(c => c.Series, "Leads"));

        Assert.Empty(chart.FindAll("img"));
        Assert.Contains(chart.FindAll("svg text"), t => t.TextContent == Hostile);
    }
}
