using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Reports;

/// <summary><c>Reports:*</c> (CONTRACT.md): SMTP, sender, default recipients and the schedules. Unset SMTP means "not configured".</summary>
public sealed class ReportsOptions : IValidatableObject
{
    public const string Section = "Reports";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender, e.g. <c>G-Assistant &lt;reports@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Who gets a report when its schedule names nobody, and who gets "Send now".</summary>
    public List<string> Recipients { get; set; } = [];

    public List<ReportSchedule> Schedules { get; set; } = [];

    /// <summary>The zone of the schedules' cron times and of the report days (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(From) && !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("Reports:From is not an email address.", [nameof(From)]);
        }

        foreach (var address in Recipients.Concat(Schedules.SelectMany(s => s.Recipients)).Where(a => !MimeKit.MailboxAddress.TryParse(a, out _)))
        {
            yield return new ValidationResult($"Reports recipient '{Operations.Redact.Email(address)}' is not an email address.", [nameof(Recipients)]);
        }

        for (var i = 0; i < Schedules.Count; i++)
        {
            var s = Schedules[i];
            if (!ReportKinds.TryParse(s.Report, out _))
            {
                yield return new ValidationResult($"Reports:Schedules:{i}:Report must be daily or weekly.", [nameof(Schedules)]);
            }

            if (s.Language is not ("ar" or "en"))
            {
                yield return new ValidationResult($"Reports:Schedules:{i}:Language must be ar or en.", [nameof(Schedules)]);
            }

            if (!CronSchedule.TryParse(s.Cron, out _, out var error))
            {
                yield return new ValidationResult($"Reports:Schedules:{i}:Cron: {error}", [nameof(Schedules)]);
            }
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Reports:TimeZone '{TimeZone}' is not a known time zone.", [nameof(TimeZone)]);
        }
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary><c>Auto</c> (TLS on 465, STARTTLS when offered elsewhere), <c>SslOnConnect</c>, <c>StartTls</c> or <c>None</c>.</summary>
    [RegularExpression("^(Auto|SslOnConnect|StartTls|StartTlsWhenAvailable|None)$")]
    public string Security { get; set; } = "Auto";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One scheduled report: <c>Reports:Schedules:0:Report=daily</c>, <c>:Cron=0 7 * * *</c>, <c>:Language=ar</c>, <c>:Recipients:0=…</c>.</summary>
public sealed class ReportSchedule
{
    public string Report { get; set; } = "daily";

    public string Cron { get; set; } = "0 7 * * *";

    public string Language { get; set; } = "ar";

    /// <summary>Empty: <see cref="ReportsOptions.Recipients"/>.</summary>
    public List<string> Recipients { get; set; } = [];
}
