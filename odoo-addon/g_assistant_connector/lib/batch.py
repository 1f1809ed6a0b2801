"""Sends a batch of events with a few requests in flight, keeping each event its own signed
request (its own webhook-id) and the order of the events of one record. No Odoo here.

One pool of worker threads per process, whatever the number of databases or of saving
transactions: a bulk import or a slow hub never piles up threads or connections. Each worker
keeps one `requests.Session`, so its connection to the hub stays open between events.
"""
import collections
import concurrent.futures
import threading

import requests

from . import retry, sender

DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 32

Message = collections.namedtuple("Message", "key webhook_id body")

_pool_lock = threading.Lock()
_pool = None
_sessions = threading.local()


def _executor():
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=MAX_CONCURRENCY, thread_name_prefix="g_assistant sender")
        return _pool


def _session():
    session = getattr(_sessions, "session", None)
    if session is None:
        session = _sessions.session = requests.Session()
    return session


def send_all(endpoint, secret, messages, timeout, concurrency=DEFAULT_CONCURRENCY):
    """POST every message; returns one Result per message, in the order given, or None for a
    message not tried because the hub stopped answering (no answer, timeout, 5xx): once one
    attempt finds the hub unhealthy, the rest wait for the next run instead of each waiting out
    a timeout. Messages with the same key (one record) go one after the other, in order.
    """
    results = [None] * len(messages)
    by_key = collections.OrderedDict()
    for index, message in enumerate(messages):
        by_key.setdefault(message.key, []).append(index)
    queue = collections.deque(by_key.values())
    queue_lock = threading.Lock()
    stop = threading.Event()

    def work():
        while not stop.is_set():
            with queue_lock:
                if not queue:
                    return
                indexes = queue.popleft()
            for index in indexes:
                if stop.is_set():
                    return
                message = messages[index]
                result = sender.post(endpoint, secret, message.webhook_id, message.body,
                                     timeout, session=_session())
                results[index] = result
                if retry.hub_is_unhealthy(result.outcome):
                    stop.set()
                    return
                if not result.ok:
                    break  # the record's later events wait behind the refused one

    workers = max(1, min(int(concurrency or 1), MAX_CONCURRENCY, len(by_key)))
    futures = [_executor().submit(work) for _ in range(workers)]
    for future in futures:
        future.result()
    return results
