using System.Security.Claims;
using GAssistant.Hub.Auth;
using GAssistant.Hub.Connections;

namespace GAssistant.Hub.Components;

/// <summary>Connection changes in the audit list, as <c>connection.changed</c> (shown as <c>Audit.connection.changed</c>).</summary>
internal sealed class ConnectionAuditEntries(Audit audit) : IConnectionAudit
{
    public const string Action = "connection.changed";

    public void Add(ClaimsPrincipal who, string what) => audit.Add(who, Action, what);
}
