using GAssistant.Hub.Tests.Meta;
using GAssistant.Hub.Tests.Odoo;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// A hub just installed, with nothing connected and no addon secret, whose Odoo is the recorded-fixture double at
/// odoo.test and whose Meta is the Login and Graph doubles, with Meta's Login dialog served to the browser by
/// <see cref="MetaDialogServer"/>. One per test: the connection flow changes it.
/// </summary>
public sealed class ConnectBrowserHub : BrowserHub
{
    public const string AppId = "1234567890123456";
    public const string AppSecret = "app-secret-of-the-browser-tests";

    public ConnectBrowserHub()
    {
        Meta = new MetaLoginDouble(AppId, AppSecret);
        Dialog = new MetaDialogServer(Meta, AppId);
    }

    public FakeOdoo Odoo { get; } = new();

    public MetaLoginDouble Meta { get; }

    public MetaDialogServer Dialog { get; }

    protected override bool Seeded => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Odoo:WebhookSecret"] = "",
        ["Meta:GraphUrl"] = "https://" + GraphApiDouble.Host,
        ["Meta:ApiVersion"] = GraphApiDouble.Version,
        ["Meta:DialogUrl"] = Dialog.Address.ToString(),
        ["Meta:RetryDelay"] = "00:00:00.010",
        ["Meta:FirstSyncDelay"] = "1.00:00:00",
        ["Meta:LeadSyncInterval"] = "1.00:00:00",
        ["Meta:CampaignSyncInterval"] = "1.00:00:00",
    };

    public override async Task InitializeAsync()
    {
        await Dialog.StartAsync();
        await base.InitializeAsync();
        Hub.Outbound.Register(FakeOdoo.Host, Odoo.HandleAsync);
        Hub.Outbound.Register(GraphApiDouble.Host, Meta.HandleAsync);
        Meta.Pages.AddRange([
            new("1001", "مطعم الياسمين", ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]),
            new("1002", "Jasmine Catering <script>alert(1)</script>", ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"]),
            new("1003", "Partner page", ["ANALYZE", "ADVERTISE"]),
        ]);
        Meta.AdAccounts.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "act_2001", ["account_id"] = "2001", ["name"] = "الحساب الرئيسي", ["currency"] = "SAR", ["account_status"] = 1,
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Dialog.DisposeAsync();
    }
}
