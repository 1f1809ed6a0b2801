"""The first quick attempt: right after a transaction that wrote events commits, this process's
sender for that database wakes up and delivers everything due. Not a model.

One sender thread per database and process, started on the first commit and ending after a
minute with nothing to do; a commit only wakes it. So a thousand saving transactions make no
thousand threads or connections, and the user who saved never waits for the hub. The thread
holds no database connection while it calls the hub (delivery_run). After the hub stopped
answering it leaves the retries to the cron for a while instead of trying at every commit.
"""
import logging
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

from . import config as hub_config, delivery_run

_logger = logging.getLogger(__name__)

IDLE_SECONDS = 60
# The first quick attempt hands over to the cron after this long (an import of many thousand
# events, or a hub that answers slowly).
TIME_BUDGET_SECONDS = 120
PAUSE_AFTER_OUTAGE_SECONDS = 30

_lock = threading.Lock()
_senders = {}


def wake(dbname):
    """Called after a commit that wrote events (a post-commit hook)."""
    if delivery_run.in_test():
        return
    with _lock:
        sender = _senders.get(dbname)
        if sender is None:
            sender = _senders[dbname] = _Sender(dbname)
        sender.wake()


class _Sender:
    def __init__(self, dbname):
        self.dbname = dbname
        self.event = threading.Event()
        self.thread = None
        self.paused_until = 0.0

    def wake(self):  # with _lock held
        self.event.set()
        if self.thread is None:
            self.thread = threading.Thread(target=self.run, daemon=True,
                                           name="g_assistant first try %s" % self.dbname)
            self.thread.start()

    def run(self):
        threading.current_thread().dbname = self.dbname
        while True:
            if not self.event.wait(IDLE_SECONDS):
                with _lock:
                    if not self.event.is_set():
                        self.thread = None
                        return
            self.event.clear()
            if time.monotonic() < self.paused_until:
                continue
            try:
                summary = self.deliver()
            except Exception:
                # the cron tries again; a failure here must never reach a user
                _logger.exception("G-Assistant: the first try failed; the cron will retry")
                continue
            if summary.hub_down:
                self.paused_until = time.monotonic() + PAUSE_AFTER_OUTAGE_SECONDS

    def deliver(self):
        registry = Registry(self.dbname)
        with registry.cursor() as cr:
            config = hub_config.read(api.Environment(cr, SUPERUSER_ID, {}))
        return delivery_run.deliver_due(registry, config, SUPERUSER_ID,
                                        time_budget=TIME_BUDGET_SECONDS)
