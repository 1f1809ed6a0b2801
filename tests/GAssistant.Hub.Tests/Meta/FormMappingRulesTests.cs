using System.Text.Json;
using GAssistant.Hub.Meta;
using GAssistant.Hub.Odoo;
using GAssistant.Hub.Tests.Odoo;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// A form's own mapping, pure: an Arabic form's questions (LeadGenQuestion,
/// https://developers.facebook.com/docs/graph-api/reference/lead-gen-question/) mapped to Odoo 19's recorded lead fields
/// with two custom <c>x_</c> fields; what a salesperson reads in the lead.
/// </summary>
public sealed class FormMappingRulesTests
{
    private static readonly IReadOnlyList<OdooLeadField> LeadFields =
        OdooLeadFields.Parse(JsonDocument.Parse(OdooFixtures.Result("fields_get_lead", "19").ToJsonString()).RootElement);

    private static readonly MetaForm ArabicForm = MetaForm.Parse(JsonDocument.Parse(WinterOfferForm.Json().ToJsonString()).RootElement);

    private static MetaLead Lead(params (string Name, string[] Values)[] answers) =>
        new("lead-1", null, "ad1", "Ad", "as1", "Ad set", "c1", "Winter", WinterOfferForm.Id, "fb", false,
            [.. answers.Select(a => new LeadAnswer(a.Name, a.Values))]);

    private static LeadMappingContext Context(params (string Question, string Target)[] fields) =>
        new(ArabicForm, new MetaFormOptions { Fields = fields.ToDictionary(f => f.Question, f => f.Target, StringComparer.OrdinalIgnoreCase) }, LeadFields);

    [Fact]
    public void The_recorded_lead_fields_offer_text_dates_and_custom_fields_but_not_what_the_hub_fills_itself()
    {
        var names = LeadFields.Select(f => f.Name).ToList();

        Assert.Contains("x_budget", names);
        Assert.Equal("date", LeadFields.Single(f => f.Name == "x_visit_date").Type);
        Assert.Contains("contact_name", names);
        Assert.Contains("function", names);
        Assert.DoesNotContain("name", names);
        Assert.DoesNotContain("description", names);
        Assert.DoesNotContain("tag_ids", names);
        Assert.DoesNotContain("create_date", names);
        Assert.True(LeadFields.SkipWhile(f => !f.IsCustom).All(f => f.IsCustom), "Custom fields are listed after Odoo's own.");
    }

    [Fact]
    public void Answers_go_where_the_form_says_and_the_rest_into_the_description_under_the_Arabic_question()
    {
        var values = LeadFieldMapping.Map(
            Lead(("full_name", ["سارة أحمد"]), ("budget", ["٥٠٠ ألف"]), ("visit", ["2026-12-24T16:00:00+0300"]), ("interests", ["فيلا", "شقة"]),
                ("notes", ["أفضل الاتصال مساءً"]), ("rooms", ["٤"])),
            new Dictionary<string, string>(),
            Context(("budget", "x_budget"), ("visit", "x_visit_date"), ("interests", FormTarget.Tags)));

        Assert.Equal("سارة أحمد", values.Fields["contact_name"]);
        Assert.Equal("٥٠٠ ألف", values.Fields["x_budget"]);
        Assert.Equal("2026-12-24", values.Fields["x_visit_date"]);
        Assert.Equal(["فيلا", "شقة"], values.Tags);
        Assert.Contains("ملاحظات: أفضل الاتصال مساءً", values.Description, StringComparison.Ordinal);
        Assert.Contains("عدد الغرف: ٤", values.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("notes:", values.Description, StringComparison.Ordinal);
        Assert.Empty(values.Problems);
    }

    [Fact]
    public void A_date_answer_that_is_no_date_and_a_field_Odoo_no_longer_has_are_kept_in_the_description_and_said()
    {
        var fields = LeadFields.Where(f => f.Name != "x_budget").ToList();
        var context = Context(("budget", "x_budget"), ("visit", "x_visit_date")) with { LeadFields = fields };

        var values = LeadFieldMapping.Map(Lead(("budget", ["500k"]), ("visit", ["بعد العيد"])), new Dictionary<string, string>(), context);

        Assert.False(values.Fields.ContainsKey("x_budget"));
        Assert.False(values.Fields.ContainsKey("x_visit_date"));
        Assert.Contains("الميزانية: 500k", values.Description, StringComparison.Ordinal);
        Assert.Contains("موعد الزيارة: بعد العيد", values.Description, StringComparison.Ordinal);
        Assert.Equal(2, values.Problems.Count);
        Assert.Contains("x_budget", values.Problems[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("integer", "٤", "4")]
    [InlineData("integer", "four", null)]
    [InlineData("float", "1,250.50", "1250.50")]
    [InlineData("float", "١٢٫٥", "12.5")]
    [InlineData("date", "12/24/2026", "2026-12-24")]
    [InlineData("date", "٢٠٢٦-١٢-٢٤", "2026-12-24")]
    [InlineData("datetime", "2026-12-24T16:00:00+0300", "2026-12-24 13:00:00")]
    [InlineData("char", "  as typed  ", "  as typed  ")]
    public void An_answer_is_written_as_the_Odoo_field_takes_it(string type, string answer, string? expected) =>
        Assert.Equal(expected, LeadFieldMapping.Convert(new LeadAnswer("q", [answer]), new OdooLeadField("x_q", "Q", type, [])));

    [Fact]
    public void A_choice_is_written_by_its_key_whether_the_answer_is_the_key_or_the_label()
    {
        var priority = new OdooLeadField("priority", "Priority", "selection", [new("0", "Low"), new("1", "Medium"), new("2", "High")]);

        Assert.Equal("2", LeadFieldMapping.Convert(new LeadAnswer("q", ["High"]), priority));
        Assert.Equal("1", LeadFieldMapping.Convert(new LeadAnswer("q", ["1"]), priority));
        Assert.Null(LeadFieldMapping.Convert(new LeadAnswer("q", ["Urgent"]), priority));
    }

    [Fact]
    public void Without_a_form_mapping_the_standard_questions_go_to_their_fields_as_before()
    {
        var values = LeadFieldMapping.Map(Lead(("full_name", ["Joe"]), ("car_make", ["Honda"])), new Dictionary<string, string>(), LeadMappingContext.None);

        Assert.Equal("Joe", values.Fields["contact_name"]);
        Assert.Contains("car_make: Honda", values.Description, StringComparison.Ordinal);
        Assert.Empty(values.Tags);
    }

    [Theory]
    [InlineData("email", "email_from")]
    [InlineData("job_title", "function")]
    [InlineData("what_is_your_budget", "description")]
    public void A_question_is_proposed_a_place_by_its_key(string key, string expected) =>
        Assert.Equal(expected, LeadFieldMapping.Proposed(key, new Dictionary<string, string>()));
}
