using System.Text.Json;

namespace GAssistant.Hub.Meta;

/// <summary>Serializer settings for what the Meta feature stores (snake_case like Meta's own JSON).</summary>
public static class MetaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
