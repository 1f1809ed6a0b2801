using System.Globalization;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Meta.Setup;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// The saved Meta token: valid and made for this app (<c>/debug_token</c>), not expired and not expiring within
/// <see cref="HealthOptions.TokenWarning"/> (<c>expires_at</c>, and <c>data_access_expires_at</c>, after which Meta hides
/// lead data), and every permission still granted (<c>/me/permissions</c>)
/// (https://developers.facebook.com/docs/graph-api/reference/debug_token).
/// </summary>
public sealed class MetaTokenHealth(MetaTokenCheck tokens, IOptionsMonitor<MetaOptions> meta, IOptionsMonitor<HealthOptions> options, TimeProvider clock)
    : IConnectionCheck
{
    public string Key => "meta.token";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var m = meta.CurrentValue;
        if (!m.IsConfigured)
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(m.AppId))
        {
            return [Result(CheckState.Warning, "meta_token_unverifiable", "Meta:AppId")];
        }

        MetaTokenReport report;
        try
        {
            report = await tokens.CheckConfiguredAsync(cancellationToken);
        }
        catch (GraphApiException e)
        {
            return [Result(CheckState.Failing, "meta_token_check_refused", e.Message)];
        }

        return [Judge(report, clock.GetUtcNow(), options.CurrentValue.TokenWarning)];
    }

    /// <summary>The worst of what the report shows, one finding. Pure.</summary>
    public CheckResult Judge(MetaTokenReport report, DateTimeOffset now, TimeSpan warning)
    {
        var info = report.Info;
        if (info.ExpiresAt is { } expired && expired <= now)
        {
            return Result(CheckState.Failing, "meta_token_expired", Date(expired));
        }

        if (!info.IsValid)
        {
            return Result(CheckState.Failing, "meta_token_invalid");
        }

        if (!report.IsForThisApp)
        {
            return Result(CheckState.Failing, "meta_token_other_app", info.AppId ?? "");
        }

        if (report.MissingRequired.Count > 0)
        {
            return Result(CheckState.Failing, "meta_permission_revoked", string.Join(", ", report.MissingRequired));
        }

        if (info.DataAccessExpiresAt is { } dataGone && dataGone <= now)
        {
            return Result(CheckState.Failing, "meta_data_access_expired", Date(dataGone));
        }

        if (info.ExpiresAt is { } expires && expires - now <= warning)
        {
            return Result(CheckState.Warning, "meta_token_expiring", Date(expires), Days(expires - now));
        }

        if (info.DataAccessExpiresAt is { } dataEnds && dataEnds - now <= warning)
        {
            return Result(CheckState.Warning, "meta_data_access_expiring", Date(dataEnds), Days(dataEnds - now));
        }

        if (report.Missing.Count > 0)
        {
            return Result(CheckState.Warning, "meta_permission_missing", string.Join(", ", report.Missing));
        }

        return info.ExpiresAt is { } at ? Result(CheckState.Ok, "meta_token_ok", Date(at)) : Result(CheckState.Ok, "meta_token_ok_forever");
    }

    private CheckResult Result(CheckState state, string code, params string[] arguments) => new(Key, "Meta", state, code, arguments);

    internal static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan left) => Math.Max(0, (int)Math.Ceiling(left.TotalDays)).ToString(CultureInfo.InvariantCulture);
}
