using System.Text.Json.Nodes;

namespace GAssistant.Hub.Tests.Meta;

/// <summary>
/// An Arabic lead form as <c>GET /{form-id}?fields=id,name,locale,status,questions</c> answers it (LeadgenForm and
/// LeadGenQuestion, https://developers.facebook.com/docs/graph-api/reference/leadgen-form/ and
/// https://developers.facebook.com/docs/graph-api/reference/lead-gen-question/): standard questions, custom ones (one
/// multiple-choice, one date) and <c>car_make</c>, which the Graph double's leads answer.
/// </summary>
public static class WinterOfferForm
{
    public const string Id = "8001";

    public static JsonObject Json(string name = "عرض الشتاء") => new()
    {
        ["id"] = Id, ["name"] = name, ["locale"] = "ar_AR", ["status"] = "ACTIVE",
        ["questions"] = new JsonArray([.. new[]
        {
            Question("full_name", "الاسم الكامل", "FULL_NAME"),
            Question("email", "البريد الإلكتروني", "EMAIL"),
            Question("phone_number", "رقم الهاتف", "PHONE"),
            Question("budget", "الميزانية", "CUSTOM"),
            Question("visit", "موعد الزيارة", "DATE_TIME"),
            Question("interests", "الاهتمامات", "CUSTOM", ("villa", "فيلا"), ("flat", "شقة")),
            Question("notes", "ملاحظات", "CUSTOM"),
            Question("rooms", "عدد الغرف", "CUSTOM"),
            Question("car_make", "نوع السيارة", "CUSTOM"),
        }.Select((question, i) => { question["id"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture); return (JsonNode)question; })]),
    };

    private static JsonObject Question(string key, string label, string type, params (string Key, string Value)[] options)
    {
        var question = new JsonObject { ["key"] = key, ["label"] = label, ["type"] = type };
        if (options.Length > 0)
        {
            question["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["key"] = o.Key, ["value"] = o.Value })]);
        }

        return question;
    }
}
