using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Scoring;

/// <summary><c>Scoring:*</c> configuration.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>How old the newest model may get before the worker trains a new one.</summary>
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the worker looks for leads to (re)score and for a due retraining.</summary>
    public TimeSpan ScoreInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(20, 1_000_000)]
    public int MinClosedLeads { get; set; } = TrainingGate.MinClosedLeads;

    [Range(5, 1_000_000)]
    public int MinPerOutcome { get; set; } = TrainingGate.MinPerOutcome;
}
