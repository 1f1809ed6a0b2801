namespace GAssistant.Hub.Tests.Odoo;

/// <summary>A hub configured for Odoo at <see cref="FakeOdoo.Host"/>, with the periodic sync off unless a suite turns it on.</summary>
public abstract class OdooHubTest(HubProvider provider) : HubTest(provider)
{
    public const string AutomationToken = "automation-token-for-tests";

    protected FakeOdoo Odoo { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Odoo:Url"] = OdooFixtures.Url,
        ["Odoo:Database"] = OdooFixtures.Database,
        ["Odoo:Username"] = OdooFixtures.Login,
        ["Odoo:ApiKey"] = OdooFixtures.Password,
        ["Odoo:AutomationToken"] = AutomationToken,
        ["Odoo:SyncInterval"] = "00:00:00",
    };

    protected override void Configure(HubFactory hub) => hub.Outbound.Register(FakeOdoo.Host, Odoo.HandleAsync);
}
