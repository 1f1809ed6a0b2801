"""The hub's address: HTTPS is required, except on the local machine."""
from urllib.parse import urlsplit, urlunsplit

WEBHOOK_PATH = "/api/webhook/odoo"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class InvalidHubUrl(ValueError):
    pass


def webhook_endpoint(url):
    """The URL to POST events to.

    An address without a path (the hub's base URL) gets the contract's path,
    /api/webhook/odoo; an address with a path is used as it is.
    Raises InvalidHubUrl when the address is not acceptable.
    """
    url = (url or "").strip()
    if not url:
        raise InvalidHubUrl("The hub URL is empty.")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # raises ValueError on a bad port
    except ValueError as e:
        raise InvalidHubUrl("The hub URL is not valid: %s" % e) from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidHubUrl("The hub URL must start with https:// and name a host.")
    if parts.username or parts.password:
        raise InvalidHubUrl("The hub URL must not contain a user name or password.")
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        raise InvalidHubUrl(
            "The hub URL must use https:// (plain http:// is only allowed for "
            "localhost, 127.0.0.1 and ::1).")
    path = parts.path if parts.path not in ("", "/") else WEBHOOK_PATH
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def is_valid_hub_url(url):
    try:
        webhook_endpoint(url)
    except InvalidHubUrl:
        return False
    return True
