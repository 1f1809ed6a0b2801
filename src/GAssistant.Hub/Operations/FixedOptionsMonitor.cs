using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Operations;

/// <summary>One options value that never changes, for a client run against values not saved yet (Settings' "Test").</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
