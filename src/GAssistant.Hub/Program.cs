using GAssistant.Hub;
using GAssistant.Hub.Operations;

if (HubCommands.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(HubHost.Options(args));
builder.AddHub();

var app = builder.Build();
app.UseHub();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
