namespace GAssistant.Hub.Data;

/// <summary>An ad account read by the campaign sync; its currency is the currency of all its money.</summary>
public sealed class MetaAdAccount
{
    /// <summary><c>act_…</c></summary>
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string Currency { get; set; } = "";

    /// <summary>The business's country (<c>business_country_code</c>): the last country a lead's phone is read in.</summary>
    public string? CountryCode { get; set; }
    public DateTime SyncedAt { get; set; }
}
