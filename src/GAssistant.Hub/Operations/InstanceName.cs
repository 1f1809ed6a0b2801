namespace GAssistant.Hub.Operations;

/// <summary>
/// This hub instance's name among instances sharing a database (for leases and audit).
/// A service, not a static, so two hosts in one process (tests) are two instances.
/// </summary>
public sealed class InstanceName
{
    public string Value { get; } = Build();

    private static string Build()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 128 ? name : name[^128..];
    }
}
