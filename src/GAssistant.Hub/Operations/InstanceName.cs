namespace GAssistant.Hub.Operations;

/// <summary>This process's name among hub instances sharing a database (for leases and audit).</summary>
public static class InstanceName
{
    public static readonly string Value = Build();

    private static string Build()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 128 ? name : name[^128..];
    }
}
