namespace GAssistant.Hub.Data;

/// <summary>
/// A lock on the data folder's <c>hub.lock</c> that lives as long as the open file: every running hub
/// holds it shared (several instances may share a folder), <c>restore</c> and <c>migrate-to-postgres</c>
/// take it exclusively, so they can tell a running hub from a stopped one. The operating system drops the
/// lock when the process ends, a crash or SIGKILL included, so a stale lock never blocks a restore.
/// On Unix .NET maps <see cref="FileShare"/> onto advisory <c>flock(2)</c> locks (shared unless
/// <see cref="FileShare.None"/>); on Windows it is the file's share mode.
/// https://learn.microsoft.com/dotnet/api/system.io.fileshare#remarks
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>The lock a running hub holds; throws <see cref="IOException"/> while a restore runs.</summary>
    public static DataFolderLock Shared(DataLocations locations) => Open(locations, FileShare.ReadWrite);

    /// <summary>The lock of a command that replaces the data; null while any hub holds the folder.</summary>
    public static DataFolderLock? TryExclusive(DataLocations locations)
    {
        try
        {
            return Open(locations, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();

    private static DataFolderLock Open(DataLocations locations, FileShare share)
    {
        Directory.CreateDirectory(locations.DataPath);
        return new DataFolderLock(new FileStream(locations.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
    }
}
