using GAssistant.Hub.Meta;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// Versions judged against Meta's Marketing API version table
/// (https://developers.facebook.com/documentation/ads-commerce/marketing-api/marketing-api-changelog/versions).
/// </summary>
public sealed class MetaApiVersionsTests
{
    private static readonly DateOnly December2026 = new(2026, 12, 1);

    [Fact]
    public void The_default_version_is_supported_on_the_first_of_December_2026()
    {
        Assert.Equal(ApiVersionStatus.Supported, MetaApiVersions.StateOf(MetaApiVersions.Default, December2026).Status);
        Assert.Equal(MetaApiVersions.Default, new MetaOptions().ApiVersion);
    }

    [Theory]
    [InlineData("v23.0", ApiVersionStatus.Expired)]
    [InlineData("v24.0", ApiVersionStatus.Expired)]
    [InlineData("v25.0", ApiVersionStatus.NearingEnd)]
    [InlineData("v26.0", ApiVersionStatus.Supported)]
    [InlineData("v19.0", ApiVersionStatus.Expired)]
    [InlineData("v31.0", ApiVersionStatus.Unknown)]
    public void A_version_is_expired_nearing_its_end_or_supported_by_its_date(string version, ApiVersionStatus status)
    {
        Assert.Equal(status, MetaApiVersions.StateOf(version, December2026).Status);
    }

    [Fact]
    public void A_version_expires_on_its_date_and_nears_it_90_days_before()
    {
        Assert.Equal(ApiVersionStatus.Supported, MetaApiVersions.StateOf("v24.0", new DateOnly(2026, 8, 11)).Status);
        Assert.Equal(ApiVersionStatus.NearingEnd, MetaApiVersions.StateOf("v24.0", new DateOnly(2026, 8, 12)).Status);
        Assert.Equal(ApiVersionStatus.NearingEnd, MetaApiVersions.StateOf("v24.0", new DateOnly(2026, 11, 9)).Status);
        var ended = MetaApiVersions.StateOf("v24.0", new DateOnly(2026, 11, 10));
        Assert.Equal((ApiVersionStatus.Expired, new DateOnly(2026, 11, 10)), (ended.Status, ended.EndsOn));
    }
}
