"""One signed POST of an event body to the hub. No Odoo here: `requests` only.

Every attempt ends in one of the OUTCOMES below, so the addon can tell an administrator what
happened in words (models/webhook_delivery.py holds the sentences, translated), and keeps the
technical detail (the hub's own answer, or the network error) beside it.
"""
import collections
import json
import time
import uuid

import requests

from . import signing

USER_AGENT = "g-assistant-connector/1.1 (Odoo)"
MAX_DETAIL_TEXT = 500

ACCEPTED = "accepted"            # 2xx: the hub stored the event
REFUSED_SIGNATURE = "signature"  # 401: secret or clock
REFUSED_BODY = "invalid"         # 400, 422: the hub could not read the event
TOO_LARGE = "too_large"          # 413
NOT_FOUND = "not_found"          # 404, 405: no hub behind this URL
REFUSED = "refused"              # any other 4xx
REDIRECTED = "redirected"        # 3xx (redirects are not followed: the body is signed for one URL)
HUB_ERROR = "hub_error"          # 5xx
TIMEOUT = "timeout"              # no answer within the timeout
NO_ANSWER = "no_answer"          # connection refused, DNS, network down
TLS_ERROR = "tls"                # HTTPS handshake or certificate
OUTCOMES = (ACCEPTED, REFUSED_SIGNATURE, REFUSED_BODY, TOO_LARGE, NOT_FOUND, REFUSED,
            REDIRECTED, HUB_ERROR, TIMEOUT, NO_ANSWER, TLS_ERROR)

Result = collections.namedtuple("Result", "ok status_code latency_ms outcome detail")


def new_webhook_id():
    """One id per event, kept across retries."""
    return "msg_" + uuid.uuid4().hex


def outcome_of_status(status_code):
    if 200 <= status_code < 300:
        return ACCEPTED
    if status_code == 401:
        return REFUSED_SIGNATURE
    if status_code in (400, 422):
        return REFUSED_BODY
    if status_code == 413:
        return TOO_LARGE
    if status_code in (404, 405):
        return NOT_FOUND
    if 300 <= status_code < 400:
        return REDIRECTED
    if status_code >= 500:
        return HUB_ERROR
    return REFUSED


def outcome_of_error(error):
    if isinstance(error, requests.Timeout):
        return TIMEOUT
    if isinstance(error, requests.exceptions.SSLError):
        return TLS_ERROR
    return NO_ANSWER


def hub_detail(text):
    """What the hub said, shortened: the title, detail and field errors of an RFC 9457 problem
    (what the hub answers), or the start of any other text."""
    try:
        problem = json.loads(text)
    except ValueError:
        problem = None
    if isinstance(problem, dict):
        parts = [str(problem[k]) for k in ("title", "detail") if problem.get(k)]
        errors = problem.get("errors")
        if isinstance(errors, dict):
            parts += ["%s: %s" % (field, " ".join(map(str, messages)) if isinstance(
                messages, list) else messages) for field, messages in errors.items()]
        if parts:
            return " — ".join(parts)[:MAX_DETAIL_TEXT]
    return (text or "").strip()[:MAX_DETAIL_TEXT]


def post(endpoint, secret, webhook_id, body, timeout, now=None, session=None):
    """Sign `body` (the exact JSON text) for this attempt and POST it.

    The webhook-timestamp is the time of the attempt, so a retry an hour later is not
    refused as stale; the webhook-id stays the same so the hub can drop duplicates.
    A `session` keeps its connection to the hub open between events (keep-alive).
    Never raises for network problems: they come back as a Result with an outcome.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    timestamp = int(time.time() if now is None else now)
    headers = signing.headers(secret, webhook_id, timestamp, data)
    headers["User-Agent"] = USER_AGENT
    start = time.monotonic()
    try:
        response = (session or requests).post(endpoint, data=data, headers=headers,
                                              timeout=timeout, allow_redirects=False)
    except requests.RequestException as e:
        latency = int((time.monotonic() - start) * 1000)
        return Result(False, None, latency, outcome_of_error(e),
                      ("%s: %s" % (type(e).__name__, e))[:MAX_DETAIL_TEXT])
    latency = int((time.monotonic() - start) * 1000)
    outcome = outcome_of_status(response.status_code)
    ok = outcome == ACCEPTED
    detail = None if ok else (hub_detail(response.text) or response.reason or "")
    return Result(ok, response.status_code, latency, outcome, detail)
