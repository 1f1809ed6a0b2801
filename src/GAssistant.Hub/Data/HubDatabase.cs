namespace GAssistant.Hub.Data;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which database the hub runs on and how to reach it, for the few hot paths that use ADO.NET directly.</summary>
public sealed record HubDatabase(DatabaseKind Kind, string ConnectionString);
