namespace GAssistant.Hub.Health;

/// <summary>What a check found: all well, something to act on soon, or leads are (or will be) lost.</summary>
public enum CheckState
{
    Ok,
    Warning,
    Failing,
}

/// <summary>
/// One check's finding. <see cref="Code"/> names the resource texts <c>Check.{Code}</c> (what was found) and
/// <c>Check.{Code}.Do</c> (what to do), which take <see cref="Arguments"/> in order (dates, permissions, Meta's or Odoo's
/// own words, always shown as text).
/// </summary>
/// <param name="Key">Stable: <c>meta.token</c>, <c>meta.page:{id}</c>, <c>meta.ad_account:{id}</c>, <c>odoo.connection</c>, <c>odoo.addon</c>.</param>
/// <param name="Name">What is checked as its owner calls it (a Page's name, an ad account's id).</param>
public sealed record CheckResult(string Key, string Name, CheckState State, string Code, IReadOnlyList<string> Arguments)
{
    /// <summary>The highest rate-limit usage Meta reported for the object (0–100), when it did.</summary>
    public double? UsagePercent { get; init; }

    /// <summary>The kind of check: the key before its <c>:</c> (<c>meta.page</c>).</summary>
    public string Kind => Key.Split(':')[0];
}

/// <summary>A check as it stands: its last finding, since when it is in that state, and when it last was ok.</summary>
public sealed record HealthCheck(CheckResult Result, DateTimeOffset Since, DateTimeOffset? LastSuccess, DateTimeOffset CheckedAt)
{
    public CheckState State => Result.State;
}

/// <summary>A check whose state changed in a run: <see cref="Before"/> is null for a check seen the first time.</summary>
public sealed record HealthChange(HealthCheck Check, CheckState? Before)
{
    public bool Recovered => Check.State == CheckState.Ok;
}

/// <summary>A group of checks (Meta's token, its Pages…); each run asks every group.</summary>
public interface IConnectionCheck
{
    /// <summary>No results when there is nothing to check (not configured). Throwing is reported as the group failing.</summary>
    Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken);

    /// <summary>The key of the result reported when <see cref="RunAsync"/> throws.</summary>
    string Key { get; }
}
