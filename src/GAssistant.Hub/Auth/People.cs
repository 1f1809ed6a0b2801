using System.Net.Mail;
using System.Security.Claims;
using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Auth;

/// <summary>What an administrator does with people (Settings): invite, change a role, remove; each change is audited.</summary>
public sealed class People(HubDbContext db, Audit audit, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public const int MinPasswordLength = 8;

    public Task<List<HubUser>> ListAsync(CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);

    public Task<List<Invitation>> PendingAsync(CancellationToken cancellationToken) =>
        db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Invites <paramref name="email"/> (a new invitation replaces an earlier one for the same address); returns the
    /// one-time token of the link, or the resource key of the reason it cannot.
    /// </summary>
    public async Task<(string? Token, string? Error)> InviteAsync(ClaimsPrincipal by, string email, string role, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        if (!IsEmail(email))
        {
            return (null, "People.Error.Email");
        }

        if (!HubRoles.IsKnown(role))
        {
            return (null, "People.Error.Role");
        }

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return (null, "People.Error.Exists");
        }

        await db.Invitations.Where(i => i.Email == email).ExecuteDeleteAsync(cancellationToken);
        var token = ApiKeyHashes.NewKey()[ApiKeyHashes.KeyPrefix.Length..];
        var now = clock.GetUtcNow().UtcDateTime;
        db.Invitations.Add(new Invitation
        {
            Email = email, Role = role, TokenHash = ApiKeyHashes.Hash(token), InvitedBy = Audit.Actor(by), CreatedAt = now, ExpiresAt = now + InvitationLifetime,
        });
        audit.Add(by, "user.invited", $"{email} ({role})");
        await db.SaveChangesAsync(cancellationToken);
        return (token, null);
    }

    public async Task RevokeInvitationAsync(ClaimsPrincipal by, int id, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is not null)
        {
            db.Invitations.Remove(invitation);
            audit.Add(by, "invitation.revoked", invitation.Email);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The pending, unexpired invitation a link's token opens, or null.</summary>
    public Task<Invitation?> FindInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return Task.FromResult<Invitation?>(null);
        }

        var hash = ApiKeyHashes.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash && i.ExpiresAt > now, cancellationToken);
    }

    /// <summary>The invited person chooses their password: the invitation becomes a person and is used up.</summary>
    public async Task<(HubUser? User, string? Error)> AcceptAsync(string? token, string? password, string? confirm, CancellationToken cancellationToken)
    {
        var invitation = await FindInvitationAsync(token, cancellationToken);
        if (invitation is null)
        {
            return (null, "Invite.Error.Expired");
        }

        if (PasswordError(password, confirm) is { } error)
        {
            return (null, error);
        }

        var user = new HubUser { Email = invitation.Email, Role = invitation.Role, CreatedAt = clock.GetUtcNow().UtcDateTime };
        user.PasswordHash = new PasswordHasher<HubUser>().HashPassword(user, password!);
        db.Users.Add(user);
        db.Invitations.Remove(invitation);
        audit.Add(HubPrincipals.For(user), "invitation.accepted", $"{user.Email} ({user.Role})");
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    /// <summary>Changes a person's role; their sessions end so the new role applies at once.</summary>
    public async Task<string?> ChangeRoleAsync(ClaimsPrincipal by, int userId, string role, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !HubRoles.IsKnown(role) || user.Role == role)
        {
            return null;
        }

        if (user.Role == HubRoles.Admin && await IsLastAdminAsync(user, cancellationToken))
        {
            return "People.Error.LastAdmin";
        }

        user.Role = role;
        user.SecurityStamp = SecurityStamps.New();
        audit.Add(by, "user.role_changed", $"{user.Email} ({role})");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Removes a person; their sessions end at their next request.</summary>
    public async Task<string?> RemoveAsync(ClaimsPrincipal by, int userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (by.UserId() == userId)
        {
            return "People.Error.Self";
        }

        if (user.Role == HubRoles.Admin && await IsLastAdminAsync(user, cancellationToken))
        {
            return "People.Error.LastAdmin";
        }

        db.Users.Remove(user);
        audit.Add(by, "user.removed", user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>A person changes their own password; every other session of theirs ends. Returns the updated person.</summary>
    public async Task<(HubUser? User, string? Error)> ChangePasswordAsync(ClaimsPrincipal who, string? current, string? password, string? confirm, CancellationToken cancellationToken)
    {
        var user = who.UserId() is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) : null;
        var hasher = new PasswordHasher<HubUser>();
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            return (null, "Account.Error.Current");
        }

        if (PasswordError(password, confirm) is { } error)
        {
            return (null, error);
        }

        user.PasswordHash = hasher.HashPassword(user, password!);
        user.SecurityStamp = SecurityStamps.New();
        audit.Add(who, "password.changed", user.Email);
        await db.SaveChangesAsync(cancellationToken);
        return (user, null);
    }

    public static string? PasswordError(string? password, string? confirm) =>
        (password ?? "").Length < MinPasswordLength ? "Password.Error.Short"
        : password != confirm ? "Password.Error.Mismatch"
        : null;

    public static string Normalize(string? email) => (email ?? "").Trim().ToLowerInvariant();

    private static bool IsEmail(string email) =>
        email.Length is > 2 and <= 320 && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email;

    private async Task<bool> IsLastAdminAsync(HubUser user, CancellationToken cancellationToken) =>
        !await db.Users.AnyAsync(u => u.Role == HubRoles.Admin && u.Id != user.Id, cancellationToken);
}
