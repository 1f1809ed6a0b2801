using System.Globalization;
using System.Security.Claims;
using GAssistant.Hub.Connections;

namespace GAssistant.Hub.Odoo;

/// <summary>What an administrator typed in Settings for the Odoo server; an empty <see cref="ApiKey"/> keeps the saved one.</summary>
public sealed record OdooConnectionForm(string? Url, string? Database, string? Username, string? ApiKey);

/// <summary>
/// Settings' Odoo connection: "Test" runs <see cref="OdooConnectionTest"/> on the typed values (over the saved ones, under
/// what configuration sets); "Save" runs the same test and saves only when it passes, then starts the first
/// reconciliation pull. The addon's webhook secret is generated or accepted here and rotated with a grace period.
/// </summary>
public sealed class OdooConnectionSetup(ConnectionSettings store, OdooConnectionTest test, IConfiguration configuration,
    OdooSession session, OdooSyncJob sync, TimeProvider clock)
{
    public const string UrlKey = "Odoo:Url";
    public const string DatabaseKey = "Odoo:Database";
    public const string UsernameKey = "Odoo:Username";
    public const string ApiKeyKey = "Odoo:ApiKey";
    public const string WebhookSecretKey = "Odoo:WebhookSecret";
    public const string PreviousSecretKey = "Odoo:PreviousWebhookSecret";
    public const string PreviousUntilKey = "Odoo:PreviousWebhookSecretUntil";

    /// <summary>The options the typed values would make: configuration's where it sets a key, the typed value elsewhere.</summary>
    public OdooOptions Candidate(OdooConnectionForm form)
    {
        var options = configuration.GetSection(OdooOptions.Section).Get<OdooOptions>() ?? new OdooOptions();
        options.Url = Typed(UrlKey, form.Url, options.Url);
        options.Database = Typed(DatabaseKey, form.Database, options.Database);
        options.Username = Typed(UsernameKey, form.Username, options.Username);
        options.ApiKey = string.IsNullOrWhiteSpace(form.ApiKey) ? options.ApiKey : Typed(ApiKeyKey, form.ApiKey, options.ApiKey);
        return options;
    }

    public Task<OdooConnectionReport> TestAsync(OdooConnectionForm form, CancellationToken cancellationToken) =>
        test.RunAsync(Candidate(form), cancellationToken);

    /// <summary>Tests, and saves only what passed; nothing is saved otherwise.</summary>
    public async Task<OdooConnectionReport> SaveAsync(OdooConnectionForm form, ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var candidate = Candidate(form);
        var report = await test.RunAsync(candidate, cancellationToken);
        if (!report.Ok)
        {
            return report;
        }

        var change = new ConnectionChange();
        foreach (var (key, value) in new[] { (UrlKey, candidate.Url), (DatabaseKey, candidate.Database), (UsernameKey, candidate.Username), (ApiKeyKey, candidate.ApiKey) })
        {
            if (!store.IsSetByServer(key))
            {
                change.Set(key, value);
            }
        }

        var saved = await store.SaveAsync(change, who, cancellationToken);
        if (!saved.Saved)
        {
            return report with { Problem = OdooConnectionProblem.OdooError, OdooMessage = string.Join(" ", saved.Errors) };
        }

        session.ForgetUser();
        await sync.StartAsync(cancellationToken);
        return report;
    }

    /// <summary>
    /// Makes <paramref name="secret"/> the addon's secret; the one it replaces stays accepted for
    /// <see cref="OdooOptions.WebhookSecretGracePeriod"/>. The caller checked it with <c>StandardWebhookSecret.IsAcceptable</c>.
    /// </summary>
    public async Task<ConnectionSaveResult> UseWebhookSecretAsync(string secret, ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var current = configuration.GetSection(OdooOptions.Section).Get<OdooOptions>() ?? new OdooOptions();
        var change = new ConnectionChange().Set(WebhookSecretKey, secret);
        if (!string.IsNullOrEmpty(current.WebhookSecret) && !store.IsSetByServer(PreviousSecretKey))
        {
            var until = clock.GetUtcNow() + current.WebhookSecretGracePeriod;
            change.Set(PreviousSecretKey, current.WebhookSecret).Set(PreviousUntilKey, until.ToString("O", CultureInfo.InvariantCulture));
        }

        return await store.SaveAsync(change, who, cancellationToken);
    }

    private string? Typed(string key, string? typed, string? current) => store.IsSetByServer(key) ? current : typed?.Trim();
}
