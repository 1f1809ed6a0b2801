using System.Text.Json;

namespace GAssistant.Hub.Operations;

/// <summary>
/// The one JSON reading of untrusted bodies (webhooks, API requests): one JSON value and nothing after it,
/// at most 64 levels deep, and text that every database stores (no lone UTF-16 surrogate, which has no
/// UTF-8 form, and no NUL, which PostgreSQL text cannot hold). A webhook's endpoint reads its body with it
/// before the 2xx and its handler again afterwards, so what is acknowledged is what applies. Errors name
/// the field by its JSON path. Pure.
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The parsed body, or null with <paramref name="errors"/> saying why.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, Dictionary<string, string[]> errors)
    {
        if (body.IsEmpty)
        {
            errors["body"] = ["The body is empty; expected a JSON object."];
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            errors["body"] = [$"The body is not valid JSON: {ex.Message}"];
            return null;
        }

        CheckText(document.RootElement, "", errors);
        if (errors.Count == 0)
        {
            return document;
        }

        document.Dispose();
        return null;
    }

    /// <summary>Records every string (names included) below <paramref name="element"/> that a database cannot store.</summary>
    public static void CheckText(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadText(property, out var problem);
                    var child = Join(path, name ?? "?");
                    if (problem is not null)
                    {
                        errors[child] = [$"The field name {problem}"];
                        continue;
                    }

                    CheckText(property.Value, child, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{(path.Length == 0 ? "body" : path)}[{index++}]", errors);
                }

                break;
            case JsonValueKind.String:
                if (Problem(element) is { } text)
                {
                    errors[path.Length == 0 ? "body" : path] = [$"The value {text}"];
                }

                break;
        }
    }

    /// <summary>Why this text cannot be stored, or null when it can.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "contains a NUL character (\\u0000).";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"contains a lone UTF-16 surrogate (\\u{(int)c:x4}), which is not text.";
            }
        }

        return null;
    }

    private static string? Problem(JsonElement value)
    {
        try
        {
            return Problem(value.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return "is not valid UTF-8 or UTF-16 text.";
        }
    }

    private static string? ReadText(JsonProperty property, out string? problem)
    {
        try
        {
            var name = property.Name;
            problem = Problem(name);
            return problem is null ? name : null;
        }
        catch (InvalidOperationException)
        {
            problem = "is not valid UTF-8 or UTF-16 text.";
            return null;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
