"""One signed POST of an event body to the hub. No Odoo here: `requests` only."""
import collections
import time
import uuid

import requests

from . import signing

USER_AGENT = "g-assistant-connector/1.0 (Odoo)"
MAX_ERROR_TEXT = 500

Result = collections.namedtuple("Result", "ok status_code latency_ms error response_text")


def new_webhook_id():
    """One id per event, kept across retries."""
    return "msg_" + uuid.uuid4().hex


def post(endpoint, secret, webhook_id, body, timeout, now=None):
    """Sign `body` (the exact JSON text) for this attempt and POST it.

    The webhook-timestamp is the time of the attempt, so a retry an hour later is not
    refused as stale; the webhook-id stays the same so the hub can drop duplicates.
    Never raises for network problems: they come back as a Result with an error.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    timestamp = int(time.time() if now is None else now)
    headers = signing.headers(secret, webhook_id, timestamp, data)
    headers["User-Agent"] = USER_AGENT
    start = time.monotonic()
    try:
        response = requests.post(endpoint, data=data, headers=headers, timeout=timeout,
                                 allow_redirects=False)
    except requests.RequestException as e:
        latency = int((time.monotonic() - start) * 1000)
        return Result(False, None, latency, "%s: %s" % (type(e).__name__, e), "")
    latency = int((time.monotonic() - start) * 1000)
    text = (response.text or "")[:MAX_ERROR_TEXT]
    ok = 200 <= response.status_code < 300
    error = None if ok else "HTTP %d: %s" % (response.status_code, text or response.reason)
    return Result(ok, response.status_code, latency, error, text)
