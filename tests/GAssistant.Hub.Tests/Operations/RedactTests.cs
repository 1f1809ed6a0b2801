using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Tests.Operations;

/// <summary>Emails and phone numbers are masked before they reach a log.</summary>
public sealed class RedactTests
{
    [Theory]
    [InlineData("ahmed@example.com", "a***@example.com")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "")]
    public void Emails_are_masked_for_logs(string email, string masked) => Assert.Equal(masked, Redact.Email(email));

    [Theory]
    [InlineData("+966 55 123 4567", "***67")]
    [InlineData("٠٥٥١٢٣٤٥٦٧", "***٦٧")]
    [InlineData("1", "***")]
    public void Phones_keep_only_their_last_two_digits_in_logs(string phone, string masked) => Assert.Equal(masked, Redact.Phone(phone));
}
