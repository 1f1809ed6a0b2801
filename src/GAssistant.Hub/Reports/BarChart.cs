namespace GAssistant.Hub.Reports;

/// <summary>An RGB colour of the chart; the HTML legend uses <see cref="Hex"/>.</summary>
public readonly record struct ChartColor(byte R, byte G, byte B)
{
    public string Hex => $"#{R:X2}{G:X2}{B:X2}";
}

/// <summary>
/// A grouped bar chart drawn into a pixel buffer and encoded as PNG: one group per item (left to right), one bar per
/// series, bars scaled to the largest value, light grid lines at quarters. No text inside: the HTML carries the legend. Pure.
/// </summary>
public static class BarChart
{
    public const int Width = 640;
    public const int Height = 260;
    public const int Margin = 20;

    public static readonly ChartColor Background = new(255, 255, 255);
    public static readonly ChartColor Grid = new(225, 228, 232);
    public static readonly ChartColor Axis = new(120, 124, 130);
    public static readonly ChartColor[] Series = [new(30, 136, 229), new(67, 160, 71), new(251, 140, 0)];

    /// <param name="groups">Per item, one non-negative value per series (negative values draw as zero).</param>
    public static byte[] Render(IReadOnlyList<IReadOnlyList<decimal>> groups)
    {
        var pixels = new byte[Width * Height * 3];
        Fill(pixels, 0, 0, Width, Height, Background);
        var plotTop = Margin;
        var plotBottom = Height - Margin;
        var plotHeight = plotBottom - plotTop;
        for (var q = 0; q < 4; q++)
        {
            Fill(pixels, Margin, plotTop + q * plotHeight / 4, Width - Margin, plotTop + q * plotHeight / 4 + 1, Grid);
        }

        var max = groups.SelectMany(g => g).DefaultIfEmpty(0).Max();
        if (groups.Count > 0 && max > 0)
        {
            var series = groups.Max(g => g.Count);
            var slot = (Width - 2 * Margin) / groups.Count;
            var bar = Math.Max(1, (slot - 12) / Math.Max(1, series));
            for (var i = 0; i < groups.Count; i++)
            {
                var left = Margin + i * slot + (slot - bar * series) / 2;
                for (var s = 0; s < groups[i].Count; s++)
                {
                    var value = Math.Max(0, groups[i][s]);
                    var top = plotBottom - (int)Math.Round(value / max * plotHeight);
                    Fill(pixels, left + s * bar, top, left + (s + 1) * bar - 1, plotBottom, Series[s % Series.Length]);
                }
            }
        }

        Fill(pixels, Margin, plotBottom, Width - Margin, plotBottom + 2, Axis);
        return PngEncoder.Encode(Width, Height, pixels);
    }

    /// <summary>Fills [x0, x1) × [y0, y1), clipped to the image.</summary>
    private static void Fill(byte[] pixels, int x0, int y0, int x1, int y1, ChartColor color)
    {
        for (var y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
        {
            for (var x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
            {
                var p = (y * Width + x) * 3;
                (pixels[p], pixels[p + 1], pixels[p + 2]) = (color.R, color.G, color.B);
            }
        }
    }
}
