"""When to try a failed delivery again: exponential backoff, capped."""
import datetime

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


def is_success(status_code):
    return status_code is not None and 200 <= status_code < 300


def hub_is_unhealthy(status_code):
    """No answer at all, or a server error: not worth trying the next event right now."""
    return status_code is None or status_code >= 500
