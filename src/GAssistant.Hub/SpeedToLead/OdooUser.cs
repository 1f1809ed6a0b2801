using System.Text.Json;
using GAssistant.Hub.Odoo;
using MimeKit;

namespace GAssistant.Hub.SpeedToLead;

/// <summary>A salesperson or team leader as the emails need them: name, address and language, from Odoo's <c>res.users</c>.</summary>
public sealed record OdooUser(long Id, string Name, MailboxAddress? Address, string Language)
{
    public static async Task<OdooUser?> ReadAsync(OdooClient odoo, long id, CancellationToken cancellationToken)
    {
        var found = await odoo.ReadAsync("res.users", id, ["name", "email", "lang"], cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        var user = found[0];
        var name = OdooJson.Text(user, "name") ?? $"#{id}";
        var email = OdooJson.Text(user, "email");
        var address = email is not null && MailboxAddress.TryParse(email, out var parsed) ? new MailboxAddress(name, parsed.Address) : null;
        return new OdooUser(id, name, address, LanguageOf(user));
    }

    /// <summary>Odoo's <c>ar_001</c>, <c>ar_SY</c>… are Arabic; anything else is read in English.</summary>
    public static string LanguageOf(JsonElement user) =>
        OdooJson.Text(user, "lang") is { } lang && lang.StartsWith("ar", StringComparison.Ordinal) ? "ar" : "en";
}
