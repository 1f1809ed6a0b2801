"""When to try a failed delivery again: exponential backoff, capped."""
import datetime

from . import sender

BASE_DELAY_SECONDS = 60
MAX_DELAY_SECONDS = 60 * 60
DEFAULT_MAX_ATTEMPTS = 10


def backoff_seconds(attempts, base=BASE_DELAY_SECONDS, cap=MAX_DELAY_SECONDS):
    """Delay before the next try, after `attempts` failed tries: 1m, 2m, 4m, ... up to `cap`."""
    if attempts < 1:
        return 0
    # min() on the exponent first, so a huge attempt count cannot overflow
    return min(cap, base * 2 ** min(attempts - 1, 32))


def next_attempt(attempts, max_attempts, now):
    """The time of the next try, or None when the delivery has to be given up."""
    if attempts >= max_attempts:
        return None
    return now + datetime.timedelta(seconds=backoff_seconds(attempts))


# No answer at all, or a server error: not worth trying the next events right now.
UNHEALTHY = frozenset({sender.TIMEOUT, sender.NO_ANSWER, sender.TLS_ERROR, sender.HUB_ERROR})


def hub_is_unhealthy(outcome):
    return outcome in UNHEALTHY
