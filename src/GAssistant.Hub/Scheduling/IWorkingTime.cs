namespace GAssistant.Hub.Scheduling;

/// <summary>The business's working clock (SpeedToLead's working week and quiet hours), for what counts working time.</summary>
public interface IWorkingTime
{
    /// <summary>The hub's working clock, or a team's when it has its own week.</summary>
    WorkingClock Clock(long? teamId = null);
}
