namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>The database a test runs against; suites that touch the database run on both.</summary>
public enum HubProvider
{
    Sqlite,
    Postgres,
}
