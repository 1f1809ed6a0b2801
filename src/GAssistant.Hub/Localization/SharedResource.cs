namespace GAssistant.Hub.Localization;

/// <summary>Marker for the page strings in <c>Resources/Localization.SharedResource.*.resx</c>.</summary>
public sealed class SharedResource;
