using GAssistant.Hub.Reports;
using GAssistant.Hub.Scheduling;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.SpeedToLead;

/// <summary><see cref="SpeedToLeadOptions.Clock"/> in <c>SpeedToLead:TimeZone</c>, else the reports' zone.</summary>
public sealed class SpeedToLeadWorkingTime(IOptionsMonitor<SpeedToLeadOptions> options, IOptionsMonitor<ReportsOptions> reports) : IWorkingTime
{
    public WorkingClock Clock(long? teamId = null) => options.CurrentValue.Clock(reports.CurrentValue.TimeZone, teamId);
}
