using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GAssistant.Hub.Localization;

/// <summary>
/// MudBlazor's own words (pager, date picker, dialogs, snackbars…) from the hub's resources, under <c>Mud.{key}</c>
/// with MudBlazor's key (<c>Mud.MudTablePager_NextPage</c>). MudBlazor keeps its built-in English for English
/// readers and asks this for every other language (its <c>DefaultLocalizationInterceptor</c>).
/// </summary>
internal sealed class HubMudLocalizer(IStringLocalizer<SharedResource> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => Found(strings[$"Mud.{key}"], key);

    public override LocalizedString this[string key, params object[] arguments] => Found(strings[$"Mud.{key}", arguments], key);

    // Not found is said under MudBlazor's key, so MudBlazor falls back to its English for it.
    private static LocalizedString Found(LocalizedString text, string key) =>
        text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
}
