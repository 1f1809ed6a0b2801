namespace GAssistant.Hub.Odoo;

/// <summary>
/// What the reconciliation pull does after the replica is up to date (SpeedToLead reads the first responses). Its own
/// failure is its own: it logs it and the pull still succeeds.
/// </summary>
public interface IOdooPullFollowUp
{
    Task RunAsync(CancellationToken cancellationToken);
}
