using System.Globalization;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using GAssistant.Hub.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GAssistant.Hub.Tests.Auth;

/// <summary>With Reports:Smtp configured, the invitation link also goes by email, through a real SMTP server.</summary>
public sealed class InvitationMailTests : HubTest, IAsyncLifetime
{
    private SmtpCapture _smtp = null!;

    public InvitationMailTests() : base(HubProvider.Sqlite)
    {
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:Smtp:Host"] = "127.0.0.1",
        ["Reports:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Reports:Smtp:Security"] = "None",
        ["Reports:From"] = "G-Assistant <hub@hub.example>",
    };

    public override async Task InitializeAsync()
    {
        _smtp = await SmtpCapture.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_invited_person_gets_the_link_in_Arabic_and_English()
    {
        const string link = "http://127.0.0.1:5080/invite?token=abc";
        var sent = await Hub.Services.GetRequiredService<InvitationMailer>().SendAsync("nora@example.com", HubRoles.Viewer, "admin@example.com", link, CancellationToken.None);

        Assert.True(sent);
        var mail = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal(["nora@example.com"], mail.Recipients);
        Assert.Contains("دعوتك", mail.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("invitation", mail.Message.Subject, StringComparison.OrdinalIgnoreCase);
        var text = mail.Message.TextBody;
        Assert.Contains("بصفة مشاهد", text, StringComparison.Ordinal);
        Assert.Contains("as Viewer", text, StringComparison.Ordinal);
        Assert.Contains(link, text, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", mail.Message.HtmlBody, StringComparison.Ordinal);
    }
}
