using GAssistant.Hub.Operations;

namespace GAssistant.Hub.Connections;

/// <summary>
/// Where every saved connection change is recorded: who and what (key names, never a value). Today a log line;
/// the audit list of issue 17 (who, when, what, shown in Settings) is written from here, the one call site.
/// </summary>
public sealed partial class ConnectionAudit(ILogger<ConnectionAudit> logger)
{
    public void Changed(string changedBy, string what)
    {
        var who = Redact.Email(changedBy);
        Log.Changed(logger, who, what);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Connection settings changed by {ChangedBy}: {What}")]
        public static partial void Changed(ILogger logger, string changedBy, string what);
    }
}
