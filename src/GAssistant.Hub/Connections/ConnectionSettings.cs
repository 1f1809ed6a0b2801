using System.Security.Claims;
using System.Security.Cryptography;
using GAssistant.Hub.Data;
using GAssistant.Hub.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Connections;

/// <summary>
/// The connections saved in Settings, layered under configuration. Why a configuration provider and not a service
/// every feature asks: the features already read <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c> at each use, so a saved
/// value applies without a restart and without touching them; "options validated at start" keeps its meaning
/// because start validates configuration and saved values together, and a save is refused unless the section's own
/// validators accept the candidate; and "configuration wins" is one rule here — a key any other configuration source
/// sets (non-empty) is never published by <see cref="StoredConnectionsProvider"/>, and is read-only in Settings.
/// Secrets are stored as Data Protection ciphertext (the hub's key ring) and shown only by their last four characters.
/// </summary>
public sealed partial class ConnectionSettings(
    IConfiguration configuration,
    StoredConnectionsProvider provider,
    IEnumerable<ConnectionSection> sections,
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    TimeProvider clock,
    ILogger<ConnectionSettings> logger) : IDisposable
{
    private readonly IDataProtector _protector = protection.CreateProtector("GAssistant.Hub.Connections.v1");
    private readonly IReadOnlyList<ConnectionSection> _sections = [.. sections];
    private volatile Dictionary<string, StoredValue> _stored = new(StringComparer.OrdinalIgnoreCase);
    private (int Count, DateTime? Latest) _stamp;

    /// <summary>
    /// One load at a time, each reading and publishing whole: the refresher's load that read the rows before a save, then
    /// published them after the save's own load, put the replaced values back (a saved list reverted to the one before).
    /// </summary>
    private readonly SemaphoreSlim _loading = new(1, 1);

    private sealed record StoredValue(string Value, DateTime UpdatedAt, string UpdatedBy);

    /// <summary>Reads every saved value from the database and publishes those configuration does not set.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            await LoadNowAsync(cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    private async Task LoadNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HubDbContext>().ConnectionSettings.AsNoTracking().ToListAsync(cancellationToken);
        var stored = new Dictionary<string, StoredValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (Reveal(row) is { } value)
            {
                stored[row.Key] = new StoredValue(value, row.UpdatedAt, row.UpdatedBy);
            }
        }

        _stored = stored;
        _stamp = (rows.Count, rows.Count == 0 ? null : rows.Max(r => r.UpdatedAt));
        Publish();
    }

    /// <summary>Loads again when another hub instance sharing the database saved something since the last load.</summary>
    public async Task RefreshIfChangedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = scope.ServiceProvider.GetRequiredService<HubDbContext>().ConnectionSettings;
        var stamp = (await rows.CountAsync(cancellationToken), await rows.MaxAsync(r => (DateTime?)r.UpdatedAt, cancellationToken));
        if (stamp != _stamp)
        {
            await LoadAsync(cancellationToken);
        }
    }

    /// <summary>Hands the provider the saved values that configuration does not set; options monitors re-read.</summary>
    public void Publish() =>
        provider.Replace(_stored.Where(s => !IsSetByServer(s.Key)).ToDictionary(s => s.Key, s => (string?)s.Value.Value, StringComparer.OrdinalIgnoreCase));

    public SettingState Describe(string key)
    {
        var secret = IsSecret(key);
        if (ServerValue(key) is { } configured)
        {
            return new SettingState(key, SettingSource.ServerConfiguration, secret ? ConnectionKeys.Masked(configured) : configured, secret);
        }

        return _stored.TryGetValue(key, out var saved)
            ? new SettingState(key, SettingSource.Settings, secret ? ConnectionKeys.Masked(saved.Value) : saved.Value, secret, saved.UpdatedAt, saved.UpdatedBy)
            : new SettingState(key, SettingSource.Unset, null, secret);
    }

    /// <summary>A list (<c>Meta:PageIds</c>): its items and where they come from (all from one place: configuration wins whole).</summary>
    public (SettingSource Source, IReadOnlyList<string> Items) DescribeList(string key)
    {
        if (IsSetByServer(key))
        {
            return (SettingSource.ServerConfiguration, configuration.GetSection(key).Get<string[]>() ?? []);
        }

        var items = _stored.Where(s => ConnectionKeys.IsItemOf(s.Key, key))
            .OrderBy(s => int.Parse(ConfigurationPath.GetSectionKey(s.Key), System.Globalization.CultureInfo.InvariantCulture))
            .Select(s => s.Value.Value).ToList();
        return (items.Count > 0 ? SettingSource.Settings : SettingSource.Unset, items);
    }

    /// <summary>True when appsettings, the environment or the command line set the key (or, for a list, any item of it).</summary>
    public bool IsSetByServer(string key)
    {
        var list = ConnectionKeys.ListOf(key) ?? key;
        return OtherProviders().Any(p => HasValue(p, key) || p.GetChildKeys([], list).Distinct(StringComparer.OrdinalIgnoreCase)
            .Any(child => HasValue(p, ConfigurationPath.Combine(list, child))));
    }

    /// <summary>Saves <paramref name="change"/> in one transaction, or nothing when a key is set by configuration or a validator refuses.</summary>
    public async Task<ConnectionSaveResult> SaveAsync(ConnectionChange change, ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var touched = change.Keys.Select(key => SectionOf(key) ?? throw new ArgumentException($"{key} is not a connection setting.", nameof(change)))
            .Distinct().ToList();
        var readOnly = change.Keys.Where(IsSetByServer).Select(k => $"{k} is set by the server configuration; change it there.").ToList();
        if (readOnly.Count > 0)
        {
            return ConnectionSaveResult.Refused(readOnly);
        }

        await using var scope = scopes.CreateAsyncScope();
        var candidate = ConnectionCandidate.Build(configuration, touched.Select(s => s.Name), change);
        var errors = touched.SelectMany(s => s.Validate(candidate, scope.ServiceProvider)).ToList();
        if (errors.Count > 0)
        {
            return ConnectionSaveResult.Refused(errors);
        }

        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var rows = await db.ConnectionSettings.ToListAsync(cancellationToken);
        var changedBy = who.Identity?.Name is { Length: > 0 } name ? name : "system";
        ConnectionRows.Apply(db, rows, change, IsSecret, _protector.Protect, clock.GetUtcNow().UtcDateTime, changedBy);
        var what = change.Describe();
        scope.ServiceProvider.GetRequiredService<IConnectionAudit>().Add(who, what);
        await db.SaveChangesAsync(cancellationToken);
        await LoadAsync(cancellationToken);
        var actor = Redact.Email(changedBy);
        Log.Changed(logger, actor, what);
        return ConnectionSaveResult.Success;
    }

    private bool IsSecret(string key) => SectionOf(key)?.IsSecret(key) ?? false;

    private ConnectionSection? SectionOf(string key) =>
        _sections.FirstOrDefault(s => string.Equals(s.Name, ConnectionKeys.Section(key), StringComparison.OrdinalIgnoreCase));

    private string? ServerValue(string key) =>
        OtherProviders().Reverse().Select(p => p.TryGet(key, out var v) ? v : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private IEnumerable<IConfigurationProvider> OtherProviders() =>
        (configuration as IConfigurationRoot)?.Providers.Where(p => !ReferenceEquals(p, provider)) ?? [];

    private static bool HasValue(IConfigurationProvider p, string key) => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value);

    private string? Reveal(ConnectionSetting row)
    {
        if (!row.IsSecret)
        {
            return row.Value;
        }

        try
        {
            return _protector.Unprotect(row.Value);
        }
        catch (CryptographicException)
        {
            // The key ring that encrypted it is gone (a new data folder without its keys): the value is unusable.
            Log.Unreadable(logger, row.Key);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "The saved secret {Key} cannot be decrypted with this hub's Data Protection keys; enter it again in Settings")]
        public static partial void Unreadable(ILogger logger, string key);

        [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Connection settings changed by {ChangedBy}: {What}")]
        public static partial void Changed(ILogger logger, string changedBy, string what);
    }
}
