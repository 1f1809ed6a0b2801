using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Reports;

namespace GAssistant.Hub.Tests.Reports;

/// <summary>
/// The pure parts of a report: the PNG chart read back chunk by chunk per the PNG specification
/// (https://www.w3.org/TR/png-3/), the HTML's direction and encoding, and the recommendations.
/// </summary>
public sealed class ReportRenderingTests
{
    [Fact]
    public void Png_crc_is_the_standard_crc32()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32("123456789"u8)); // the CRC-32 check value
        Assert.Equal(0xAE426082u, PngEncoder.Crc32("IEND"u8)); // every PNG ends with this CRC
    }

    [Fact]
    public void The_chart_is_a_valid_png_with_bars_in_the_series_colours_scaled_to_the_largest_value()
    {
        var png = BarChart.Render([[100m, 200m], [50m, 0m]]);

        var (width, height, pixels) = Decode(png);
        Assert.Equal((BarChart.Width, BarChart.Height), (width, height));
        var bottom = BarChart.Height - BarChart.Margin - 1;
        var top = BarChart.Margin;
        var slot = (BarChart.Width - 2 * BarChart.Margin) / 2;
        var bar = (slot - 12) / 2;
        var firstLeft = BarChart.Margin + (slot - bar * 2) / 2;
        Assert.Equal(BarChart.Series[0], Pixel(pixels, width, firstLeft + 1, bottom));
        Assert.Equal(BarChart.Series[1], Pixel(pixels, width, firstLeft + bar + 1, top + 1)); // the largest value is full height
        Assert.Equal(BarChart.Series[0], Pixel(pixels, width, firstLeft + 1, bottom - (bottom - top) / 2 + 2)); // 100 of 200: half
        Assert.Equal(BarChart.Background, Pixel(pixels, width, firstLeft + 1, top + 5));
        var secondLeft = BarChart.Margin + slot + (slot - bar * 2) / 2;
        Assert.Equal(BarChart.Series[0], Pixel(pixels, width, secondLeft + 1, bottom - 5));
        Assert.NotEqual(BarChart.Series[1], Pixel(pixels, width, secondLeft + bar + 1, bottom - 5)); // zero draws nothing
    }

    [Fact]
    public void An_empty_chart_is_still_a_valid_png()
    {
        var (width, height, _) = Decode(BarChart.Render([]));

        Assert.Equal((BarChart.Width, BarChart.Height), (width, height));
    }

    [Fact]
    public void Arabic_html_is_right_to_left_and_every_campaign_name_is_encoded()
    {
        var evil = "<img src=x onerror=alert(1)>";
        var data = Data([Row("c1", evil, spend: 100, leads: 0, revenue: 0)]);

        var html = ReportHtml.Render(data, ReportStrings.For("ar"), "chart@hub");

        Assert.StartsWith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(evil, html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("src=\"cid:chart@hub\"", html, StringComparison.Ordinal);
        Assert.Contains("<html dir=\"ltr\" lang=\"en\">", ReportHtml.Render(data, ReportStrings.For("en"), "chart@hub"), StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendations_scale_winners_pause_losers_flag_costly_leads_and_spend_without_leads()
    {
        CampaignRow[] rows =
        [
            Row("a", "Winner", spend: 100, leads: 10, revenue: 500),
            Row("b", "Loser", spend: 100, leads: 10, revenue: 50),
            Row("c", "Costly", spend: 100, leads: 2, revenue: 150),
            Row("d", "Silent", spend: 60, leads: 0, revenue: 0),
            Row("e", "Crumb", spend: 1, leads: 0, revenue: 0),
        ];
        var totals = new CampaignTotals(361, 22, 16.41m, 0, 700, 1.94m, "SAR");

        var recommendations = ReportRecommendations.For(rows, totals);

        Assert.Equal([("scale", "Winner"), ("pause", "Loser"), ("review_cpl", "Costly"), ("check_tracking", "Silent")],
            recommendations.Select(r => (r.Kind, r.CampaignName)).ToList());
    }

    private static ReportData Data(IReadOnlyList<CampaignRow> rows) => new(
        ReportKind.Daily, new ReportPeriod(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)), "SAR",
        [new ReportFigure("spend", 100, 50, IsMoney: true, HigherIsBetter: false)], rows, rows, rows, rows, rows,
        ReportRecommendations.For(rows, new CampaignTotals(rows.Sum(r => r.Spend), rows.Sum(r => r.Leads), null, 0, 0, null, "SAR")));

    private static CampaignRow Row(string id, string name, decimal spend, long leads, decimal revenue) =>
        new(id, name, "ACTIVE", "ACTIVE", null, spend, 1000, 10, 1, leads, leads == 0 ? null : Math.Round(spend / leads, 2), 0, revenue,
            spend == 0 ? null : Math.Round(revenue / spend, 2), "SAR");

    private static ChartColor Pixel(byte[] pixels, int width, int x, int y)
    {
        var p = (y * width + x) * 3;
        return new ChartColor(pixels[p], pixels[p + 1], pixels[p + 2]);
    }

    /// <summary>Reads an 8-bit RGB, non-interlaced PNG with filter type 0 rows, checking the signature and every chunk CRC.</summary>
    private static (int Width, int Height, byte[] Pixels) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var at = 8;
        var types = new List<string>();
        while (at < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)), PngEncoder.Crc32(png.AsSpan(at + 4, length + 4)));
            types.Add(type);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, data[8..].ToArray()); // 8-bit truecolour, deflate, filter 0, no interlace
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            at += 12 + length;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rows = raw.ToArray();
        Assert.Equal((width * 3 + 1) * height, rows.Length);
        var pixels = new byte[width * 3 * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * (width * 3 + 1)]);
            Array.Copy(rows, y * (width * 3 + 1) + 1, pixels, y * width * 3, width * 3);
        }

        return (width, height, pixels);
    }
}
