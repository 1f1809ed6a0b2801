using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace GAssistant.Hub.Reports;

/// <summary>Sends one message over <c>Reports:Smtp</c> with MailKit: the reports and the invitations to the hub.</summary>
public static class SmtpMail
{
    public static async Task SendAsync(SmtpSettings smtp, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The failures of an SMTP server or of the way to it, returned to the person rather than thrown.</summary>
    public static bool IsFailure(Exception e) =>
        e is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException
            or System.Net.Sockets.SocketException or NotSupportedException or SslHandshakeException or TimeoutException;
}
