using System.Text.Json;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// A failed call to Odoo. Odoo's JSON-RPC answers errors with HTTP 200 and
/// <c>{"error": {"code", "message", "data": {"name", "message", "arguments", "debug"}}}</c>; the kind is
/// recognised by <c>data.name</c> (the Python exception), never by <c>code</c>, which changed from 200
/// to 0 in Odoo 19. JSON-2 (19+) sends the same <c>data</c> object as the body of a 4xx/5xx answer
/// (https://www.odoo.com/documentation/19.0/developer/reference/external_api.html#response).
/// </summary>
public sealed class OdooException(OdooErrorKind kind, string message, string? errorName = null, Exception? inner = null)
    : Exception(message, inner)
{
    public OdooErrorKind Kind { get; } = kind;

    /// <summary>The Python exception name Odoo sent (<c>odoo.exceptions.AccessError</c>), if any.</summary>
    public string? ErrorName { get; } = errorName;

    /// <summary>Reads Odoo's error object (JSON-RPC <c>error.data</c>, or a JSON-2 error body).</summary>
    public static OdooException FromErrorData(JsonElement data, string fallbackMessage)
    {
        var name = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var message = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!.Trim()
            : fallbackMessage;
        return new OdooException(Classify(name, message), message, name);
    }

    public static OdooErrorKind Classify(string? name, string message) => name switch
    {
        "odoo.exceptions.AccessDenied" or "werkzeug.exceptions.Unauthorized" => OdooErrorKind.BadCredentials,
        "odoo.exceptions.AccessError" or "werkzeug.exceptions.Forbidden" => OdooErrorKind.MissingAccessRights,
        "odoo.exceptions.ValidationError" or "odoo.exceptions.UserError" or "odoo.exceptions.RedirectWarning" => OdooErrorKind.Invalid,
        "odoo.exceptions.MissingError" => OdooErrorKind.Missing,

        // A database that does not exist fails when Odoo connects to it (psycopg2 on ≤17, psycopg on later).
        _ when name is not null && name.StartsWith("psycopg", StringComparison.Ordinal)
            && message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) => OdooErrorKind.WrongDatabase,
        "werkzeug.exceptions.NotFound" => OdooErrorKind.EndpointMissing,
        _ => OdooErrorKind.ServerError,
    };
}
