using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Operations;

/// <summary>
/// Reads an API request's JSON body with <see cref="StrictJson"/>'s rules, so a malformed body, a wrong
/// type or text no database can hold answers 400 with the field named, instead of the framework's bare
/// 400 (or a 500 from the database later).
/// </summary>
public static class ApiJson
{
    /// <summary>Request bodies of the API are small; a larger one is refused before it is parsed.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body's top-level object; null when there is none (<paramref name="optional"/>) or it is invalid (then <paramref name="errors"/> says why).</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request, Dictionary<string, string[]> errors, bool optional, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var read = new byte[16 * 1024];
        int count;
        while ((count = await request.Body.ReadAsync(read, cancellationToken)) > 0)
        {
            if (buffer.Length + count > MaxBytes)
            {
                errors["body"] = [$"The body is limited to {MaxBytes} bytes."];
                return null;
            }

            buffer.Write(read, 0, count);
        }

        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            if (!optional)
            {
                errors["body"] = ["Send a JSON object."];
            }

            return null;
        }

        using var document = StrictJson.Parse(buffer.ToArray(), errors);
        if (document is null)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Expected a JSON object."];
            return null;
        }

        return document.RootElement.Clone();
    }

    /// <summary>The body as <typeparamref name="T"/> (with the API's snake_case names); a value of the wrong type is an error naming its field.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
        where T : class
    {
        if (await ReadObjectAsync(request, errors, optional: false, cancellationToken) is not { } body)
        {
            return null;
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return body.Deserialize<T>(options);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            errors[field] = [$"{field} has the wrong type or an out-of-range value."];
            return null;
        }
    }
}
