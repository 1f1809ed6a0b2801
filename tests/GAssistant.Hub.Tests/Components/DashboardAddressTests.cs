using GAssistant.Hub.Components.Shared;

namespace GAssistant.Hub.Tests.Components;

/// <summary>A dashboard's period read from and written to its address, as a shared link carries it.</summary>
public sealed class DashboardAddressTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void A_bare_address_is_the_last_30_days_and_writes_nothing()
    {
        var (preset, range) = DashboardAddress.Read(null, null, null, Today);

        Assert.Equal((DatePreset.Last30Days, new DayRange(new(2026, 10, 26), Today)), (preset, range));
        Assert.All(DashboardAddress.Write(preset, range).Values, Assert.Null);
    }

    [Theory]
    [InlineData("7d", DatePreset.Last7Days, "2026-11-18", "2026-11-24")]
    [InlineData("MTD", DatePreset.MonthToDate, "2026-11-01", "2026-11-24")]
    [InlineData("all", DatePreset.AllTime, null, null)]
    [InlineData("next-week", DatePreset.Last30Days, "2026-10-26", "2026-11-24")]
    public void A_named_period_reads_as_its_days_and_an_unknown_one_as_the_default(string period, DatePreset expected, string? from, string? to)
    {
        var (preset, range) = DashboardAddress.Read(period, null, null, Today);

        Assert.Equal(expected, preset);
        Assert.Equal(new DayRange(from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), range);
    }

    [Fact]
    public void A_custom_period_round_trips_and_reversed_dates_are_put_in_order()
    {
        var written = DashboardAddress.Write(DatePreset.Custom, new DayRange(new(2026, 11, 1), new(2026, 11, 15)));
        Assert.Equal(("custom", "2026-11-01", "2026-11-15"), ((string?)written["period"], (string?)written["from"], (string?)written["to"]));

        Assert.Equal((DatePreset.Custom, new DayRange(new(2026, 11, 1), new(2026, 11, 15))),
            DashboardAddress.Read("custom", "2026-11-15", "2026-11-01", Today));
        Assert.Equal(DatePreset.Last30Days, DashboardAddress.Read("custom", "2026-11-01", "15/11/2026", Today).Preset);
    }

    [Fact]
    public void Campaigns_have_no_all_time_period()
    {
        Assert.Equal(DatePreset.Last30Days, DashboardAddress.Read("all", null, null, Today, allowAllTime: false).Preset);
    }
}
