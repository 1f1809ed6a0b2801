using GAssistant.Hub.Auth;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Components.Pages.Settings;

/// <summary>API keys made in Settings: only the hash is stored; the key itself is returned once, at creation.</summary>
public static class ApiKeys
{
    public const int PrefixLength = 12;

    public static async Task<string> CreateAsync(HubDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var key = ApiKeyHashes.NewKey();
        db.ApiKeys.Add(new ApiKey { Name = name.Trim(), Prefix = key[..PrefixLength], KeyHash = ApiKeyHashes.Hash(key), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public static Task<int> RevokeAsync(HubDbContext db, int id, DateTime now, CancellationToken cancellationToken) =>
        db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);

    public static Task<List<ApiKey>> ListAsync(HubDbContext db, CancellationToken cancellationToken) =>
        db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
}
