"""Standard Webhooks signatures.

Spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
The signed content is "{webhook-id}.{webhook-timestamp}.{body}", signed with HMAC-SHA256 using
the base64-decoded part of the secret after "whsec_"; the header is "v1,<base64 signature>"
(several space-separated signatures may be present while a secret is being rotated).
"""
import base64
import hashlib
import hmac
import os
import time

SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE_SECONDS = 5 * 60


class InvalidSecret(ValueError):
    pass


def generate_secret(num_bytes=32):
    """A new random secret; the spec asks for 24 to 64 bytes of key."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(num_bytes)).decode("ascii")


def secret_key(secret):
    """The HMAC key: the base64-decoded part after "whsec_"."""
    if not secret or not secret.startswith(SECRET_PREFIX):
        raise InvalidSecret("the secret must start with %r" % SECRET_PREFIX)
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
    except (ValueError, TypeError):
        raise InvalidSecret("the part after %r is not base64" % SECRET_PREFIX) from None
    if not key:
        raise InvalidSecret("the secret is empty")
    return key


def is_valid_secret(secret):
    try:
        secret_key(secret)
    except InvalidSecret:
        return False
    return True


def _to_bytes(body):
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def sign(secret, msg_id, timestamp, body):
    """The value of the webhook-signature header for this message."""
    signed = b"%s.%d.%s" % (msg_id.encode("utf-8"), int(timestamp), _to_bytes(body))
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify(secret, msg_id, timestamp, body, signature_header, now=None,
           tolerance=DEFAULT_TOLERANCE_SECONDS):
    """True when one of the header's v1 signatures matches and the timestamp is fresh.

    Pass tolerance=None to skip the freshness check (e.g. for fixed test vectors).
    """
    try:
        timestamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if tolerance is not None:
        now = time.time() if now is None else now
        if abs(now - timestamp) > tolerance:
            return False
    expected = sign(secret, msg_id, timestamp, body).encode("ascii")
    for candidate in (signature_header or "").split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and value and hmac.compare_digest(
                ("v1," + value).encode("ascii", "replace"), expected):
            return True
    return False


def headers(secret, msg_id, timestamp, body):
    """The HTTP headers of one delivery attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
        "Content-Type": "application/json; charset=utf-8",
    }
