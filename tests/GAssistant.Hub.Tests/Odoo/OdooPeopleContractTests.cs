using GAssistant.Hub.Odoo;
using GAssistant.Hub.Operations;
using Microsoft.Extensions.Logging.Abstractions;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// The person look-ups and the repeat note (<see cref="OdooPeople"/>) against exchanges recorded from real Odoo 17, 18
/// (JSON-RPC) and 19 (JSON-2) with their demo customer Azure Interior (record.py, <c>people_*</c>). What the real servers
/// showed: <c>phone_sanitized</c> is the number as stored ("+58 212 681 0538", the servers lack the phonenumbers library),
/// 19's res.partner has no <c>mobile</c>, and <c>message_post</c> answers the message id (17, 18) or a list of it (19).
/// </summary>
public sealed class OdooPeopleContractTests : IDisposable
{
    private static readonly DateTime Since = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly Dictionary<string, RecordedOdoo> _odoo = [];

    public static TheoryData<string> Series => ["17", "18", "19"];

    public void Dispose()
    {
        foreach (var odoo in _odoo.Values)
        {
            odoo.Dispose();
        }
    }

    private RecordedOdoo Odoo(string series) => _odoo.TryGetValue(series, out var odoo) ? odoo : _odoo[series] = new RecordedOdoo(series);

    private OdooClient Client(string series) =>
        new(new HttpClient(Odoo(series)), new FixedOptionsMonitor<OdooOptions>(OdooFixtures.Options(OdooFixtures.DatabaseOf(series), series == "19" ? OdooFixtures.ApiKey : OdooFixtures.Password)),
            new OdooSession(), NullLogger<OdooClient>.Instance);

    private static long Azure(string series) => OdooFixtures.Result("people_partner_by_email", series)[0]!["id"]!.GetValue<long>();

    [Theory]
    [MemberData(nameof(Series))]
    public async Task A_customer_is_found_by_an_email_typed_with_capitals_and_spaces_with_their_open_opportunity(string series)
    {
        var person = await OdooPeople.FindAsync(Client(series), "  Vauxoo@YourCompany.example.com ", null, [], Since, default);

        Assert.Equal(new KnownPerson(Azure(series), 19), person);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task A_customer_is_found_by_a_phone_odoo_stored_formatted_compared_in_E164(string series)
    {
        var phone = PhoneNumbering.Normalize("٠٠٥٨ ٢١٢-٦٨١-٠٥٣٨", ["SA"]);

        var person = await OdooPeople.FindAsync(Client(series), null, phone, ["US"], Since, default);

        Assert.Equal("+582126810538", phone!.E164);
        Assert.Equal(new KnownPerson(Azure(series), 19), person);
        Assert.Contains("people_partner_by_phone", Odoo(series).Served);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task Someone_odoo_does_not_know_is_nobody(string series)
    {
        var person = await OdooPeople.FindAsync(Client(series), "nobody.known@example.com", null, [], Since, default);

        Assert.Equal(KnownPerson.Nobody, person);
        Assert.Empty(Odoo(series).Unmatched);
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task A_repeat_note_is_looked_for_by_its_marker_then_posted_as_an_internal_note(string series)
    {
        var lead = OdooFixtures.Result("people_create_lead_for_note", series)[0]!.GetValue<long>();
        const string marker = "[meta_lead:fixture-repeat]";

        Assert.False(await OdooPeople.HasMessageAsync(Client(series), lead, marker, default));
        await OdooPeople.PostNoteAsync(Client(series), lead,
            "Repeat submission on Facebook: campaign Eid Offer, ad set -, ad -.\nemail_from: vauxoo@yourcompany.example.com\n" + marker, default);

        Assert.Contains("people_message_post_note", Odoo(series).Served);
        Assert.Empty(Odoo(series).Unmatched);
        // After the post, the same look-up on the real server found it: a retry would not post it again.
        Assert.Equal(1, OdooFixtures.Result("people_note_posted", series).GetValue<int>());
    }
}
