namespace GAssistant.Hub.Odoo;

/// <summary>
/// What the client learns once and reuses: the server's version, and how it logged in (the API it
/// speaks and the user id). Kept per server, database and login, so a configuration change starts
/// afresh; the login is forgotten when Odoo refuses the credentials.
/// </summary>
public sealed class OdooSession
{
    private readonly Lock _lock = new();
    private string _server = "";
    private OdooServerVersion? _version;
    private OdooLogin? _login;

    public OdooServerVersion? Version(string server)
    {
        lock (_lock)
        {
            return _server == server ? _version : null;
        }
    }

    public OdooLogin? Login(string server)
    {
        lock (_lock)
        {
            return _server == server ? _login : null;
        }
    }

    public void Remember(string server, OdooServerVersion? version = null, OdooLogin? login = null)
    {
        lock (_lock)
        {
            if (_server != server)
            {
                (_server, _version, _login) = (server, null, null);
            }

            _version = version ?? _version;
            _login = login ?? _login;
        }
    }

    public void ForgetUser()
    {
        lock (_lock)
        {
            _login = null;
        }
    }
}
