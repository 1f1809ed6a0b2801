namespace GAssistant.Hub;

/// <summary>
/// Commands the hub's executable runs instead of the web server (CONTRACT.md, "Commands"):
/// <c>GAssistant.Hub COMMAND [options]</c>. Anything else starts the web server.
/// </summary>
internal static class HubCommands
{
    private static readonly Dictionary<string, Func<string[], int>> Commands = new(StringComparer.Ordinal)
    {
        [Scoring.ScoreEvalCommand.Name] = args => Scoring.ScoreEvalCommand.Run(args, Console.Out, Console.Error),
        [Backup.BackupCommand.Name] = args => Backup.BackupCommand.Run(args, Console.Out, Console.Error),
        [Backup.RestoreCommand.Name] = args => Backup.RestoreCommand.Run(args, Console.Out, Console.Error),
        [Backup.MigrateToPostgresCommand.Name] = args => Backup.MigrateToPostgresCommand.Run(args, Console.Out, Console.Error),
    };

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var run))
        {
            return false;
        }

        exitCode = run(args[1..]);
        return true;
    }
}
