using System.Security.Claims;

namespace GAssistant.Hub.Connections;

/// <summary>
/// Puts a saved connection change in the hub's audit list (Settings → Audit log): who, and which keys — never a value.
/// Resolved from the scope whose <c>HubDbContext</c> saves the change, so the change and its entry commit together.
/// Components plugs Auth's <c>Audit</c> in: only Components and Auth may use Auth (docs/architecture.md).
/// </summary>
public interface IConnectionAudit
{
    void Add(ClaimsPrincipal who, string what);
}
