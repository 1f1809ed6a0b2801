"""The connector's settings, read from ir.config_parameter (set in General Settings)."""
import collections

from ..lib import batch, retry, signing, urls

PREFIX = "g_assistant_connector."
ENABLED = PREFIX + "enabled"
HUB_URL = PREFIX + "hub_url"
SECRET = PREFIX + "secret"
SEND_LEADS = PREFIX + "send_leads"
SEND_SALE_ORDERS = PREFIX + "send_sale_orders"
TIMEOUT = PREFIX + "timeout"
MAX_ATTEMPTS = PREFIX + "max_attempts"
# How many requests are in flight at once (a system parameter only; 8 by default).
CONCURRENCY = PREFIX + "concurrency"

DEFAULT_TIMEOUT = 10

HubConfig = collections.namedtuple(
    "HubConfig",
    "enabled hub_url secret send_leads send_sale_orders timeout max_attempts concurrency")


def _positive_int(text, default):
    try:
        number = int(text)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def read(env):
    get = env["ir.config_parameter"].sudo().get_param
    return HubConfig(
        enabled=get(ENABLED) == "True",
        hub_url=get(HUB_URL) or "",
        secret=get(SECRET) or "",
        # stored as "True"/"False": both default to on once the connector is enabled
        send_leads=get(SEND_LEADS, "True") != "False",
        send_sale_orders=get(SEND_SALE_ORDERS, "True") != "False",
        timeout=_positive_int(get(TIMEOUT), DEFAULT_TIMEOUT),
        max_attempts=_positive_int(get(MAX_ATTEMPTS), retry.DEFAULT_MAX_ATTEMPTS),
        concurrency=min(_positive_int(get(CONCURRENCY), batch.DEFAULT_CONCURRENCY),
                        batch.MAX_CONCURRENCY),
    )


def problem(config):
    """Why events cannot be delivered with this configuration (for the log), or None."""
    try:
        urls.webhook_endpoint(config.hub_url)
    except urls.InvalidHubUrl as e:
        return str(e)
    if not signing.is_valid_secret(config.secret):
        return "there is no signing secret (Settings: Generate)"
    return None


def secret_hint(secret):
    """How Settings names the secret in use without showing it: its last four characters."""
    return "whsec_…" + secret[-4:] if signing.is_valid_secret(secret) else ""
