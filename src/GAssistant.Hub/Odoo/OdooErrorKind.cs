namespace GAssistant.Hub.Odoo;

/// <summary>What went wrong with a call to Odoo, in terms a user can act on.</summary>
public enum OdooErrorKind
{
    /// <summary>No answer: DNS, refused connection, TLS, timeout, or a 5xx from a proxy.</summary>
    Unreachable,

    /// <summary>The database named in <c>Odoo:Database</c> does not exist on that server.</summary>
    WrongDatabase,

    /// <summary>Login and API key (or password) refused: <c>authenticate</c> answered false or <c>AccessDenied</c>.</summary>
    BadCredentials,

    /// <summary><c>odoo.exceptions.AccessError</c>: the user lacks the access rights for the model or record.</summary>
    MissingAccessRights,

    /// <summary><c>ValidationError</c> or <c>UserError</c>: Odoo refused the values.</summary>
    Invalid,

    /// <summary><c>MissingError</c>: the record does not exist (any more).</summary>
    Missing,

    /// <summary>The endpoint is not there (a 404: not an Odoo server, or an API this version does not have).</summary>
    EndpointMissing,

    /// <summary>Any other server error.</summary>
    ServerError,
}
