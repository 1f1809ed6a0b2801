namespace GAssistant.Hub.Scoring;

/// <summary>
/// Refuses to train on too few closed leads: with a handful of outcomes a model only memorises them,
/// and its scores would look precise while meaning nothing.
/// </summary>
public static class TrainingGate
{
    public const int MinClosedLeads = 50;
    public const int MinPerOutcome = 10;

    /// <returns>Why training is refused, or <c>null</c> when there is enough data.</returns>
    public static string? Refusal(int won, int lost, int minClosed = MinClosedLeads, int minPerOutcome = MinPerOutcome)
    {
        if (won + lost < minClosed)
        {
            return $"Too few closed leads to train: {won + lost} ({won} won, {lost} lost); at least {minClosed} are needed.";
        }

        if (won < minPerOutcome || lost < minPerOutcome)
        {
            return $"Too few {(won < minPerOutcome ? "won" : "lost")} leads to train: {won} won, {lost} lost; at least {minPerOutcome} of each are needed.";
        }

        return null;
    }
}
