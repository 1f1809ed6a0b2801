using GAssistant.Hub.Meta.Conversions;

namespace GAssistant.Hub.Tests.Meta.Conversions;

/// <summary>
/// Normalisation and hashing of Meta's customer information parameters
/// (https://developers.facebook.com/documentation/ads-commerce/conversions-api/parameters/customer-information-parameters):
/// <c>em</c> trimmed and lowercased, <c>ph</c> digits only with the country code, then lowercase hex SHA-256.
/// </summary>
public sealed class CustomerHashingTests
{
    [Fact]
    public void The_documented_email_vector_hashes_as_Meta_shows() =>
        Assert.Equal("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f", CustomerHashing.HashEmail("  John_Smith@gmail.com "));

    [Theory]
    [InlineData("+1 (650) 555-1212", null, "16505551212")]
    [InlineData("001 650 555 1212", null, "16505551212")]
    [InlineData("055 123 4567", "SA", "966551234567")]
    [InlineData("966551234567", "SA", "966551234567")]
    [InlineData("055 123 4567", null, null)]
    [InlineData("12", "SA", null)]
    public void Phones_keep_only_digits_with_the_country_code(string phone, string? country, string? normalized) =>
        Assert.Equal(normalized, CustomerHashing.NormalizePhone(phone, country));

    [Fact]
    public void A_phone_hashes_its_normalised_digits() =>
        Assert.Equal("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176", CustomerHashing.HashPhone("+1 (650) 555-1212", null));

    [Fact]
    public void Something_that_is_not_an_email_is_not_hashed() => Assert.Null(CustomerHashing.HashEmail("not an email"));
}
