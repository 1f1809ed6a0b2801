using System.Net;
using MudBlazor;

namespace GAssistant.Hub.Components.Shared;

/// <summary>
/// MudBlazor writes an axis chart's labels into the SVG as raw markup (a <c>MarkupString</c>), so a stage
/// named <c>&lt;img onerror=…&gt;</c> would run in the reader's session. Labels reach the chart HTML-encoded:
/// the markup then shows exactly the text. The hover tooltip would show the same label as text, encoded
/// twice, so it is off; every figure of a chart is also in the table beside it.
/// </summary>
public static class ChartText
{
    public static ChartOptions Options => new() { ShowToolTips = false };

    public static string[] Labels(IEnumerable<string> labels) => labels.Select(l => WebUtility.HtmlEncode(l)).ToArray();
}
