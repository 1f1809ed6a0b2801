using GAssistant.Hub.Odoo;

namespace GAssistant.Hub.Tests.Odoo;

/// <summary>
/// Domains as Odoo stores them in <c>crm.team.member.assignment_domain</c> (Python literals, written by Odoo's domain
/// editor), read into what the external API takes.
/// </summary>
public sealed class OdooDomainTextTests
{
    [Theory]
    [InlineData("", "[]")]
    [InlineData("[]", "[]")]
    [InlineData("[('country_id', '=', 194)]", """[["country_id","=",194]]""")]
    [InlineData("[(\"city\", \"ilike\", \"الرياض\"), ('active', '=', True)]", """[["city","ilike","الرياض"],["active","=",true]]""")]
    [InlineData("['|', ('tag_ids', 'in', [1, 2]), ('probability', '>=', 12.5)]", """["|",["tag_ids","in",[1,2]],["probability",">=",12.5]]""")]
    [InlineData("[('user_id', '=', False), ('partner_id', '!=', None)]", """[["user_id","=",false],["partner_id","!=",null]]""")]
    [InlineData("[('name', 'ilike', 'O\\'Neil')]", """[["name","ilike","O'Neil"]]""")]
    public void A_literal_domain_is_read_as_the_external_API_takes_it(string text, string json) =>
        Assert.Equal(json, OdooDomainText.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));

    [Theory]
    [InlineData("[('create_date', '>', context_today())]")]
    [InlineData("[('country_id', '=', 194)")]
    [InlineData("('country_id', '=', 194)")]
    [InlineData("[('name', '=', 'unclosed)]")]
    [InlineData("[1] [2]")]
    public void What_is_not_a_literal_domain_is_answered_null_not_guessed(string text) => Assert.Null(OdooDomainText.Parse(text));
}
