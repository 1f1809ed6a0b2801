"""One delivery run: claim due events (a short committed transaction), send them with a few
requests in flight (no transaction, no database connection held), then write the results (a
second short transaction). Used by the background sender after each commit, by the cron and by
"Retry now". Not a model.
"""
import collections
import contextlib
import datetime
import logging
import threading

from odoo import fields
from odoo.modules import module as odoo_module

from ..lib import batch, retry, sender, urls
from . import config as hub_config, outbox

_logger = logging.getLogger(__name__)

BATCH_SIZE = 250

Summary = collections.namedtuple("Summary", "tried sent failed untried hub_down results")


def in_test():
    """Tests run in one transaction that is never committed: nothing is committed for them,
    and their "new transactions" are the test cursor's (registry test mode). While tests run,
    17 sets the thread's `testing` flag (current_test stays None for post-install tests), 19
    sets only current_test, 18 both."""
    return bool(getattr(threading.current_thread(), "testing", False) or odoo_module.current_test)


@contextlib.contextmanager
def transaction(registry):
    """A transaction of its own, committed at the end (READ COMMITTED: see outbox.claim)."""
    with registry.cursor() as cr:
        if not in_test():
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        yield cr


def deliver_due(registry, config, uid, ids=None, manual=False, time_budget=None,
                batch_size=BATCH_SIZE):
    """Sends what is due (or `ids`, for "Retry now") until nothing is left, the hub stops
    answering or `time_budget` seconds are spent. Returns a Summary."""
    tried = sent = failed = 0
    results = []
    if not config.enabled or hub_config.problem(config):
        return Summary(0, 0, 0, 0, False, [])
    endpoint = urls.webhook_endpoint(config.hub_url)
    deadline = time_budget and fields.Datetime.now() + datetime.timedelta(seconds=time_budget)
    if ids is None:
        _refresh_statistics(registry)
    seen = set()
    untried = 0
    hub_down = False
    while not (deadline and fields.Datetime.now() > deadline):
        lease = config.timeout * (1 + batch_size // max(config.concurrency, 1))
        with transaction(registry) as cr:
            rows = outbox.claim(cr, fields.Datetime.now(), batch_size, lease, ids=ids,
                                manual=manual, exclude=seen)
        if not rows:
            break
        seen.update(r["id"] for r in rows)
        messages = [batch.Message((r["res_model"], r["res_id"]), r["webhook_id"], r["payload"])
                    for r in rows]
        answers = batch.send_all(endpoint, config.secret, messages, config.timeout,
                                 config.concurrency)
        now = fields.Datetime.now()
        settled = [_settle_values(row, answer, config, now, manual)
                   for row, answer in zip(rows, answers) if answer is not None]
        left = [row for row, answer in zip(rows, answers) if answer is None]
        with transaction(registry) as cr:
            outbox.settle(cr, settled, uid, now)
            outbox.release(cr, left)
        for row, answer, values in zip([r for r, a in zip(rows, answers) if a is not None],
                                       [a for a in answers if a is not None], settled):
            _log(row, answer, values, manual)
            results.append((row["id"], answer))
        tried += len(settled)
        sent += sum(1 for v in settled if v["state"] == "sent")
        failed += sum(1 for v in settled if v["state"] != "sent")
        untried += len(left)
        if left or any(retry.hub_is_unhealthy(answer.outcome) for answer in answers if answer):
            hub_down = True
            break  # the hub is not answering: the rest waits for the next run
    return Summary(tried, sent, failed, untried, hub_down, results)


def _refresh_statistics(registry):
    """Before claiming: statistics from before a bulk import make every claim slow
    (outbox.refresh_statistics); refreshing them is a help, never a condition."""
    try:
        with transaction(registry) as cr:
            if outbox.refresh_statistics(cr):
                _logger.info("G-Assistant: analysed the outbox (its statistics expected far "
                             "fewer pending events)")
    except Exception as e:  # a lock timeout, a missing privilege: claim with what there is
        _logger.warning("G-Assistant: could not analyse the outbox: %s", e)


def _settle_values(row, answer, config, now, manual):
    values = {"id": row["id"], "claim_token": row["claim_token"],
              "last_status_code": answer.status_code or 0, "latency_ms": answer.latency_ms,
              "last_outcome": answer.outcome, "last_attempt_at": now, "sent_at": None,
              "last_error": answer.detail}
    if answer.ok:
        values.update(state="sent", attempts=row["attempts"] + 1, next_attempt_at=None,
                      sent_at=now, last_error=None)
    elif manual:
        # "Retry now" is an extra try: it neither uses up an attempt nor moves the next one
        values.update(state="pending", attempts=row["attempts"],
                      next_attempt_at=row["next_attempt_at"])
    else:
        attempts = row["attempts"] + 1
        next_at = retry.next_attempt(attempts, config.max_attempts, now)
        values.update(state="pending" if next_at else "failed", attempts=attempts,
                      next_attempt_at=next_at)
    return values


def _log(row, answer, values, manual):
    if answer.ok:
        _logger.info("G-Assistant webhook %s (%s) sent: HTTP %s in %d ms", row["webhook_id"],
                     row["event"], answer.status_code, answer.latency_ms)
        return
    given_up = values["state"] == "failed"
    (_logger.error if given_up else _logger.warning)(
        "G-Assistant webhook %s (%s) %s %d failed: %s (%s); %s", row["webhook_id"],
        row["event"], "manual retry after attempt" if manual else "attempt", values["attempts"],
        answer.outcome, answer.detail,
        "giving up" if given_up else "next try at %s" % values["next_attempt_at"])
