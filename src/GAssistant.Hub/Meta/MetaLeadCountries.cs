using GAssistant.Hub.Data;
using GAssistant.Hub.Odoo;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.Meta;

/// <summary>
/// The countries a lead's national phone number (<c>05…</c>) is read in, in order: the lead's own answer to Meta's
/// <c>country</c> question, the country configured for its form, then its Page (<c>Meta:Countries</c>), then its ad
/// account's — configured, or the account's <c>business_country_code</c> as the campaign sync read it.
/// </summary>
public static class MetaLeadCountries
{
    public static async Task<IReadOnlyList<string?>> OfAsync(HubDbContext db, MetaLead lead, string? formId, string? pageId, MetaOptions options,
        CancellationToken cancellationToken)
    {
        var countries = new List<string?>
        {
            lead.Answers.Where(a => a.Name.Equals("country", StringComparison.OrdinalIgnoreCase))
                .Select(a => PhoneNumbering.CountryOf(a.Text)).FirstOrDefault(c => c is not null),
            Configured(options, formId),
            Configured(options, pageId),
        };

        var account = await AdAccountAsync(db, lead, options, cancellationToken);
        if (account is not null)
        {
            countries.Add(Configured(options, account));
            countries.Add(await db.MetaAdAccounts.AsNoTracking().Where(a => a.Id == account).Select(a => a.CountryCode).FirstOrDefaultAsync(cancellationToken));
        }

        return countries;
    }

    private static string? Configured(MetaOptions options, string? id) =>
        id is not null && options.Countries.TryGetValue(id, out var country) ? PhoneNumbering.CountryOf(country) : null;

    /// <summary>The ad account of the lead's campaign; the only configured one when the campaign is not known (yet).</summary>
    private static async Task<string?> AdAccountAsync(HubDbContext db, MetaLead lead, MetaOptions options, CancellationToken cancellationToken)
    {
        if (lead.CampaignId is { } campaign
            && await db.MetaCampaigns.AsNoTracking().Where(c => c.Id == campaign).Select(c => c.AdAccountId).FirstOrDefaultAsync(cancellationToken) is { } known)
        {
            return known;
        }

        var accounts = options.AdAccounts.ToList();
        return accounts.Count == 1 ? accounts[0] : null;
    }
}
