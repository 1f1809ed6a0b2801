using System.Security.Claims;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Auth;

/// <summary>
/// The audit list (Settings): who changed what, when. Call <see cref="Add"/> before the change's own
/// <c>SaveChangesAsync</c> so the change and its entry commit together, or <see cref="RecordAsync"/> for a change
/// saved elsewhere. <c>subject</c> names what changed (an email, a setting's key) and never carries a secret's value.
/// Actions are stable codes (<c>connection.changed</c>); the page shows <c>Audit.{action}</c> from the resources.
/// </summary>
public sealed class Audit(HubDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    public void Add(ClaimsPrincipal who, string action, string? subject = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Actor(who),
            Action = action,
            Subject = subject is { Length: > 512 } ? subject[..512] : subject,
        });

    public async Task RecordAsync(ClaimsPrincipal who, string action, string? subject, CancellationToken cancellationToken)
    {
        Add(who, action, subject);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest entries first.</summary>
    public Task<List<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>The person's email, the API key's name (<c>api-key-3</c>), or <c>system</c>.</summary>
    public static string Actor(ClaimsPrincipal who) => who.Identity?.Name is { Length: > 0 } name ? name : "system";
}
