using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Health;

/// <summary>
/// Odoo as the hub uses it: reachable, the login and API key accepted, the version, and read access to every model the
/// hub reads — Settings' own connection test (<see cref="OdooConnectionTest"/>), run on the saved values.
/// </summary>
public sealed class OdooHealth(OdooConnectionTest test, IOptionsMonitor<OdooOptions> odoo) : IConnectionCheck
{
    public string Key => "odoo.connection";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(CancellationToken cancellationToken)
    {
        var o = odoo.CurrentValue;
        if (!o.IsConfigured)
        {
            return [];
        }

        var report = await test.RunAsync(o, cancellationToken);
        var name = o.Database ?? "";
        return [report.Problem switch
        {
            OdooConnectionProblem.None => new(Key, name, CheckState.Ok, "odoo_ok", [report.ServerVersion ?? ""]),
            OdooConnectionProblem.HostNotFound or OdooConnectionProblem.NoAnswer or OdooConnectionProblem.Timeout or OdooConnectionProblem.Tls
                or OdooConnectionProblem.NotOdoo => new(Key, name, CheckState.Failing, "odoo_unreachable", [o.Url ?? "", report.Problem.ToString()]),
            OdooConnectionProblem.WrongCredentials or OdooConnectionProblem.DatabaseNotFound or OdooConnectionProblem.ApiKeyRequired
                => new(Key, name, CheckState.Failing, "odoo_login_refused", [o.Username ?? "", report.Problem.ToString()]),
            OdooConnectionProblem.MissingRights => new(Key, name, CheckState.Failing, "odoo_rights_missing", [report.Model ?? "", report.OdooMessage ?? ""]),
            _ => new(Key, name, CheckState.Failing, "odoo_error", [report.OdooMessage ?? report.Problem.ToString()]),
        }];
    }
}
