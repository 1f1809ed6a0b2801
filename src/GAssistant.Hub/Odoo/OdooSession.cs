namespace GAssistant.Hub.Odoo;

/// <summary>
/// What the client learns once and reuses: the server's version (which API to speak) and the
/// user id from <c>authenticate</c>. Kept per server, database and login, so a configuration change
/// starts afresh; forgotten when Odoo refuses the credentials.
/// </summary>
public sealed class OdooSession
{
    private readonly Lock _lock = new();
    private string _server = "";
    private OdooServerVersion? _version;
    private long? _uid;

    public OdooServerVersion? Version(string server)
    {
        lock (_lock)
        {
            return _server == server ? _version : null;
        }
    }

    public long? Uid(string server)
    {
        lock (_lock)
        {
            return _server == server ? _uid : null;
        }
    }

    public void Remember(string server, OdooServerVersion? version = null, long? uid = null)
    {
        lock (_lock)
        {
            if (_server != server)
            {
                (_server, _version, _uid) = (server, null, null);
            }

            _version = version ?? _version;
            _uid = uid ?? _uid;
        }
    }

    public void ForgetUser()
    {
        lock (_lock)
        {
            _uid = null;
        }
    }
}
