namespace GAssistant.Hub.Meta;

/// <summary>
/// Meta's business use cases, as the <c>type</c> of an <c>X-Business-Use-Case-Usage</c> entry names them
/// (https://developers.facebook.com/docs/graph-api/overview/rate-limiting#buc-rate-limits). Meta counts each one per ad
/// account or Page, so one throttled use case on one object leaves the others free.
/// </summary>
public static class MetaUseCase
{
    public const string AdsInsights = "ads_insights";
    public const string AdsManagement = "ads_management";
    public const string CustomAudience = "custom_audience";
    public const string Instagram = "instagram";
    public const string LeadGen = "leadgen";
    public const string Messenger = "messenger";
    public const string Pages = "pages";

    /// <summary>Calls outside the business use cases (the app's platform limit: <c>/me</c>, tokens).</summary>
    public const string Platform = "platform";

    /// <summary>The Conversions API (<c>/{pixel_id}/events</c>), limited per dataset.</summary>
    public const string Conversions = "conversions";

    /// <summary>The use case an error code 80000–80014 speaks of; null for a code outside that table.</summary>
    public static string? OfErrorCode(int code) => code switch
    {
        80000 => AdsInsights,
        80001 => Pages,
        80002 => Instagram,
        80003 => CustomAudience,
        80004 => AdsManagement,
        80005 => LeadGen,
        80006 => Messenger,
        _ => null,
    };
}

/// <summary>
/// What a Graph call counts against: the feature whose permissions it needs (null: none of the hub's features), and the
/// use case and business object (ad account id without <c>act_</c>, Page id, pixel id) whose rate limit it uses.
/// </summary>
public sealed record GraphScope(MetaFeature? Feature, string UseCase, string? ObjectId)
{
    /// <summary>The longest rate-limit wait made inside the call; null: <see cref="MetaOptions.MaxInlineWait"/>.</summary>
    public TimeSpan? MaxInlineWait { get; init; }

    /// <summary>
    /// The same scope for work the outbox sends: it waits a few seconds at most, so one blocked limit does not hold up the
    /// outbox's other messages; a longer block hands the message back with the time to try again.
    /// </summary>
    public GraphScope Queued() => this with { MaxInlineWait = TimeSpan.FromSeconds(5) };

    /// <summary>Calls that belong to no feature (<c>/me</c>): the app's platform limit only.</summary>
    public static GraphScope Platform { get; } = new(null, MetaUseCase.Platform, null);

    /// <summary>A lead or a form's leads, counted against the Page's LeadGen limit.</summary>
    public static GraphScope Leads(string? pageId) => new(MetaFeature.LeadRetrieval, MetaUseCase.LeadGen, pageId);

    /// <summary>A Page's lead forms, counted against the Page's Pages limit.</summary>
    public static GraphScope PageForms(string pageId) => new(MetaFeature.LeadRetrieval, MetaUseCase.Pages, pageId);

    public static GraphScope Insights(string adAccountId) => new(MetaFeature.Insights, MetaUseCase.AdsInsights, BusinessObject(adAccountId));

    /// <summary>An ad account and its campaigns (ad objects), counted against Ads Management.</summary>
    public static GraphScope AdObjects(string adAccountId) => new(MetaFeature.Insights, MetaUseCase.AdsManagement, BusinessObject(adAccountId));

    public static GraphScope Conversions(string pixelId) => new(MetaFeature.Conversions, MetaUseCase.Conversions, pixelId);

    /// <summary>The id as usage headers key it: an ad account without its <c>act_</c> prefix.</summary>
    public static string? BusinessObject(string? id) =>
        id is not null && id.StartsWith("act_", StringComparison.Ordinal) ? id[4..] : id;
}

/// <summary>
/// What a rate limit blocks: one use case (null: every use case) on one business object (null: every object). The app's
/// own limit (code 4) is <c>(null, null)</c>; an 80000 on one ad account is <c>(ads_insights, that account)</c>.
/// </summary>
public sealed record RateLimitKey(string? UseCase, string? ObjectId)
{
    public static RateLimitKey App { get; } = new(null, null);

    public bool Covers(GraphScope scope) =>
        (UseCase is null || UseCase == scope.UseCase) && (ObjectId is null || ObjectId == scope.ObjectId);

    public override string ToString() => $"{UseCase ?? "all use cases"} on {ObjectId ?? "every object"}";
}
