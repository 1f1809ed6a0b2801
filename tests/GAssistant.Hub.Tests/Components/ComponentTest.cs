using System.Globalization;
using Bunit;
using GAssistant.Hub.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GAssistant.Hub.Tests.Components;

/// <summary>bUnit with MudBlazor's services, the hub's real ar/en strings, and the culture a reader would have.</summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<HubReads>();
        UseCulture("en");
    }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = GAssistant.Hub.Localization.HubCultures.For(name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services are only async-disposable, so the context is disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        await DisposeAsync();
    }
}
