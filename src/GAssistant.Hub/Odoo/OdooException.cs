using System.Net;
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

    /// <summary>
    /// A 4xx/5xx answer, or a 2xx that is not JSON. JSON-2 sends the error object as the body with a
    /// status of its kind (401 bad key, 403 AccessError, 404 MissingError or unknown model, 422
    /// ValidationError or a missing argument). A 404 in HTML from <c>/json/2</c> is Odoo serving the
    /// request without a database: the one named in <c>X-Odoo-Database</c> does not exist (or the
    /// server's dbfilter refuses it).
    /// </summary>
    public static OdooException FromHttpAnswer(HttpStatusCode status, string? reason, JsonElement? json, Uri endpoint, OdooOptions odoo)
    {
        if (json is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("name", out _))
        {
            return FromErrorData(error, $"Odoo answered {(int)status}.");
        }

        return status switch
        {
            HttpStatusCode.NotFound when endpoint.AbsolutePath.Contains("/json/2/", StringComparison.Ordinal) => new OdooException(OdooErrorKind.WrongDatabase,
                $"Odoo at {odoo.Url} has no database '{odoo.Database}' (it answered {endpoint.AbsolutePath} as a server with no database selected)."),
            HttpStatusCode.NotFound => new OdooException(OdooErrorKind.EndpointMissing, $"{odoo.Url} has no {endpoint.AbsolutePath} (is it an Odoo server?)."),
            HttpStatusCode.Unauthorized => new OdooException(OdooErrorKind.BadCredentials, "Odoo refused the API key."),
            >= HttpStatusCode.InternalServerError => new OdooException(OdooErrorKind.Unreachable, $"Odoo at {odoo.Url} answered {(int)status} {reason}."),
            _ => new OdooException(OdooErrorKind.ServerError, $"Odoo answered {(int)status} with something that is not JSON."),
        };
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
