namespace GAssistant.Hub.Odoo;

/// <summary>Which of Odoo's external APIs the client speaks to a server.</summary>
public enum OdooProtocol
{
    /// <summary><c>POST /jsonrpc</c> (<c>common</c> and <c>object</c> services), login and password or API key: Odoo ≤18, and 19 when only a password is given.</summary>
    JsonRpc,

    /// <summary><c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with a bearer API key: Odoo 19 on.</summary>
    Json2,
}
