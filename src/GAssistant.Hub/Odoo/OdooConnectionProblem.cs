namespace GAssistant.Hub.Odoo;

/// <summary>Why Settings' Odoo "Test" failed, in terms a person can act on (the page says what to do for each).</summary>
public enum OdooConnectionProblem
{
    None,

    /// <summary>A field is empty, or the URL is not an http(s) address: nothing was tried.</summary>
    Incomplete,

    /// <summary>The URL's host name does not resolve.</summary>
    HostNotFound,

    /// <summary>Nothing answers at that address and port (refused, or no route).</summary>
    NoAnswer,

    /// <summary>The HTTPS handshake failed: an untrusted, expired or mismatched certificate.</summary>
    Tls,

    /// <summary>Odoo did not answer within <c>Odoo:Timeout</c>.</summary>
    Timeout,

    /// <summary>Something answers there, but not Odoo's external API (a web page, a 404, a proxy error).</summary>
    NotOdoo,

    DatabaseNotFound,

    /// <summary>The login and API key (or password) are refused.</summary>
    WrongCredentials,

    /// <summary>Odoo 19 or later accepted the secret only as a password, over <c>/jsonrpc</c>, which Odoo 20 removes: an API key is needed.</summary>
    ApiKeyRequired,

    /// <summary>The user may log in but not read one of the models the hub needs.</summary>
    MissingRights,

    /// <summary>Any other error Odoo answered.</summary>
    OdooError,
}
