namespace GAssistant.Hub.Odoo;

/// <summary>
/// What Settings' Odoo "Test" found: the version, each model the hub reads and whether it may, and the first problem
/// (which decides: nothing is saved unless <see cref="Ok"/>). <see cref="OdooMessage"/> is Odoo's own words, shown as text.
/// </summary>
public sealed record OdooConnectionReport(
    OdooConnectionProblem Problem,
    string? ServerVersion = null,
    int? Series = null,
    long? Uid = null,
    string? Model = null,
    string? OdooMessage = null,
    IReadOnlyList<string>? MissingApps = null)
{
    public bool Ok => Problem == OdooConnectionProblem.None;
}
