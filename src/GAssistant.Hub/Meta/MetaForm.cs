using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>A choice of a multiple-choice question: <c>{"key": "villa", "value": "فيلا"}</c>.</summary>
public sealed record FormOption(string Key, string Value);

/// <summary>
/// A question of a lead form as <c>GET /{form-id}?fields=questions</c> returns it (LeadGenQuestion,
/// https://developers.facebook.com/docs/graph-api/reference/lead-gen-question/): <c>key</c> is the name the lead's
/// <c>field_data</c> uses, <c>label</c> what the person read, in the form's language; <c>type</c> <c>EMAIL</c>,
/// <c>PHONE</c>, <c>FULL_NAME</c>… or <c>CUSTOM</c> (with <c>options</c> for a multiple-choice one), <c>DATE_TIME</c>.
/// </summary>
public sealed record FormQuestion(string Key, string Label, string Type, IReadOnlyList<FormOption> Options);

/// <summary>
/// A lead form (LeadgenForm, https://developers.facebook.com/docs/graph-api/reference/leadgen-form/): its name, its
/// <c>locale</c> (<c>ar_AR</c>, <c>en_US</c>…) and its questions.
/// </summary>
public sealed record MetaForm(string Id, string Name, string? Locale, IReadOnlyList<FormQuestion> Questions)
{
    public const string Fields = "id,name,locale,status,questions";

    /// <summary>The hub's language for the form's own: Arabic for an Arabic form, else English.</summary>
    public string Language => Locale is { } l && l.StartsWith("ar", StringComparison.OrdinalIgnoreCase) ? "ar" : "en";

    public string LabelOf(string key) =>
        Questions.FirstOrDefault(q => q.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) is { Label.Length: > 0 } q ? q.Label : key;

    public static MetaForm Parse(JsonElement form)
    {
        var questions = new List<FormQuestion>();
        if (form.TryGetProperty("questions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var q in list.EnumerateArray())
            {
                if (Text(q, "key") is not { Length: > 0 } key)
                {
                    continue;
                }

                var options = q.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Array
                    ? o.EnumerateArray().Select(x => new FormOption(Text(x, "key") ?? "", Text(x, "value") ?? Text(x, "key") ?? "")).ToList()
                    : [];
                questions.Add(new FormQuestion(key, Text(q, "label") ?? key, Text(q, "type") ?? "CUSTOM", options));
            }
        }

        return new MetaForm(MetaNotification.Id(form, "id") ?? throw new JsonException("A form without an id."),
            Text(form, "name") ?? "", Text(form, "locale"), questions);
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
