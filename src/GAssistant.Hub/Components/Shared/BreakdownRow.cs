namespace GAssistant.Hub.Components.Shared;

public sealed record BreakdownRow(string Name, int Leads, int Won, decimal Revenue);
