"""The outbox: one row per event, written in the same transaction as the change.

Delivery happens after commit: a quick first try in a background thread started by a
post-commit hook, then the cron retries with exponential backoff until max attempts.
"""
import datetime
import logging
import threading

from odoo import _, api, fields, models, SUPERUSER_ID
from odoo.modules import module as odoo_module
from odoo.modules.registry import Registry

from ..lib import payload as payload_lib, retry, sender, urls
from . import config as hub_config

_logger = logging.getLogger(__name__)

ENQUEUED = "g_assistant_connector.enqueued"      # (model, id) -> row id, this transaction
FIRST_TRY = "g_assistant_connector.first_try"    # row ids to try right after the commit
CRON_TIME_BUDGET = 50                            # seconds; the cron runs every minute
KEEP_SENT_DAYS = 30


class WebhookDelivery(models.Model):
    _name = "g_assistant.webhook.delivery"
    _description = "G-Assistant Webhook Delivery"
    _order = "id desc"
    _rec_name = "webhook_id"

    webhook_id = fields.Char("Webhook ID", required=True, readonly=True, copy=False,
                             default=lambda self: sender.new_webhook_id(),
                             help="Sent as webhook-id; the same on every retry.")
    event = fields.Selection([(e, e) for e in payload_lib.EVENTS], required=True,
                             readonly=True, index=True)
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Many2oneReference("Record ID", model_field="res_model", readonly=True)
    payload = fields.Text("Body", readonly=True, help="The exact JSON body that is signed and sent.")
    state = fields.Selection([("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
                             default="pending", required=True, readonly=True, index=True)
    attempts = fields.Integer(readonly=True)
    last_status_code = fields.Integer("Last HTTP Status", readonly=True)
    latency_ms = fields.Integer("Latency (ms)", readonly=True)
    last_error = fields.Text("Error", readonly=True)
    next_attempt_at = fields.Datetime("Next Attempt", default=fields.Datetime.now,
                                      readonly=True, index=True)
    last_attempt_at = fields.Datetime("Last Attempt", readonly=True)
    sent_at = fields.Datetime("Sent On", readonly=True)

    # The hub ignores a webhook id it has seen, so two events must never share one. Both forms
    # make the constraint g_assistant_webhook_delivery_webhook_id_unique; Odoo 19 ignores
    # _sql_constraints (with a warning) and has models.Constraint instead.
    if hasattr(models, "Constraint"):
        _webhook_id_unique = models.Constraint(
            "UNIQUE(webhook_id)", "A webhook id is used by one event only.")
    else:
        _sql_constraints = [
            ("webhook_id_unique", "unique(webhook_id)", "A webhook id is used by one event only."),
        ]

    # ---- enqueueing (called by crm.lead and sale.order) ----

    @api.model
    def _wants(self, kind):
        config = hub_config.read(self.env)
        return config.enabled and getattr(config, "send_" + kind)

    @api.model
    def _enqueue(self, event, record, data):
        """Add the event to the outbox, or refresh this transaction's row for the record.

        Several writes to one record in one transaction become one event carrying the
        final values; a record created in this transaction stays a *_created event.
        """
        body = payload_lib.dumps(payload_lib.event(event, data, fields.Datetime.now()))
        enqueued = self.env.cr.postcommit.data.setdefault(ENQUEUED, {})
        key = (record._name, record.id)
        if not event.endswith("_deleted") and key in enqueued:
            row = self.sudo().browse(enqueued[key]).exists()
            if row and row.state == "pending" and not row.attempts:
                merged = event if event.endswith("_created") else row.event
                row.write({"event": merged, "payload": payload_lib.dumps(
                    payload_lib.event(merged, data, fields.Datetime.now()))})
                return row
        row = self.sudo().create({
            "event": event, "res_model": record._name, "res_id": record.id, "payload": body,
        })
        if not event.endswith("_deleted"):
            enqueued[key] = row.id
        self._try_after_commit(row.id)
        return row

    @api.model
    def _try_after_commit(self, row_id):
        cr = self.env.cr
        ids = cr.postcommit.data.get(FIRST_TRY)
        if ids is None:
            ids = cr.postcommit.data[FIRST_TRY] = []
            dbname = cr.dbname
            # The request's cursor is done once this runs, and the user must not wait
            # on the hub: deliver from a thread with a cursor of its own.
            cr.postcommit.add(lambda: threading.Thread(
                target=_first_try, args=(dbname, list(ids)),
                name="g_assistant first try", daemon=True).start())
        ids.append(row_id)

    # ---- delivery ----

    @api.model
    def _cron_deliver(self):
        self._deliver_due(time_budget=CRON_TIME_BUDGET)

    @api.model
    def _deliver_due(self, ids=None, timeout=None, time_budget=None, limit=500):
        """Send due pending rows, one locked row at a time. Returns how many were tried."""
        config = hub_config.read(self.env)
        if not config.enabled:
            return 0
        problem = hub_config.problem(config)
        if problem:
            _logger.warning("G-Assistant webhooks not sent: %s", problem)
            return 0
        endpoint = urls.webhook_endpoint(config.hub_url)
        timeout = min(timeout or config.timeout, config.timeout)
        deadline = time_budget and fields.Datetime.now() + datetime.timedelta(seconds=time_budget)
        tried = []
        while len(tried) < limit and not (deadline and fields.Datetime.now() > deadline):
            row = self._lock_next_due(ids, tried)
            if not row:
                break
            result = row._attempt(config, endpoint, timeout)
            tried.append(row.id)
            self._commit_if_allowed()
            if retry.hub_is_unhealthy(result.status_code):
                # no answer or 5xx: the other rows would fail the same way; they stay due
                # for the next run instead of each waiting out a timeout now
                break
        return len(tried)

    @api.model
    def _lock_next_due(self, ids, exclude):
        # SKIP LOCKED: a row being sent by another worker (or by a first try) is left to it;
        # the lock is held until our commit, so the row is never sent twice at once.
        self.env.flush_all()
        query = """
            SELECT id FROM g_assistant_webhook_delivery
             WHERE state = 'pending' AND next_attempt_at <= %s AND NOT (id = ANY(%s))
               {only}
             ORDER BY next_attempt_at, id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
        """
        params = [fields.Datetime.now(), list(exclude)]
        if ids is not None:
            query, params = query.format(only="AND id = ANY(%s)"), params + [list(ids)]
        else:
            query = query.format(only="")
        self.env.cr.execute(query, params)
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    def _attempt(self, config, endpoint, timeout):
        self.ensure_one()
        now = fields.Datetime.now()
        result = sender.post(endpoint, config.secret, self.webhook_id, self.payload, timeout)
        attempts = self.attempts + 1
        values = {"attempts": attempts, "last_status_code": result.status_code or 0,
                  "latency_ms": result.latency_ms, "last_attempt_at": now}
        if result.ok:
            values.update(state="sent", sent_at=now, last_error=False, next_attempt_at=False)
            _logger.info("G-Assistant webhook %s (%s) sent: HTTP %s in %d ms",
                         self.webhook_id, self.event, result.status_code, result.latency_ms)
        else:
            next_at = retry.next_attempt(attempts, config.max_attempts, now)
            values.update(state="pending" if next_at else "failed", next_attempt_at=next_at,
                          last_error=result.error)
            log = _logger.warning if next_at else _logger.error
            log("G-Assistant webhook %s (%s) attempt %d failed: %s; %s", self.webhook_id,
                self.event, attempts, result.error,
                "next try at %s" % next_at if next_at else "giving up")
        self.write(values)
        return result

    def _commit_if_allowed(self):
        # Commit per row so a sent row is never sent again; tests run in one transaction.
        # While tests run, 17 sets the thread's `testing` flag (current_test stays None for
        # post-install tests), 19 sets only current_test, 18 both.
        if not (getattr(threading.current_thread(), "testing", False)
                or odoo_module.current_test):
            self.env.cr.commit()

    def action_retry_now(self):
        rows = self.filtered(lambda r: r.state in ("pending", "failed"))
        # A failed row gets a new series of attempts; the webhook id stays the same.
        rows.filtered(lambda r: r.state == "failed").write({"attempts": 0})
        rows.write({"state": "pending", "next_attempt_at": fields.Datetime.now()})
        if rows and not hub_config.read(self.env).enabled:
            return _notification(_("G-Assistant"), _("The connector is disabled in Settings; "
                                                     "the events will wait."), "warning")
        self._deliver_due(ids=rows.ids)
        return False

    @api.model
    def _make_cron_repeat_forever(self):
        # Odoo 17's ir.cron runs `numbercall` times (default 1); Odoo 18 dropped the field.
        cron = self.env.ref("g_assistant_connector.ir_cron_deliver_webhooks",
                            raise_if_not_found=False)
        if cron and "numbercall" in cron._fields:
            cron.numbercall = -1

    @api.autovacuum
    def _gc_sent_deliveries(self):
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=KEEP_SENT_DAYS)
        self.search([("state", "=", "sent"), ("sent_at", "<", limit)]).unlink()


def _notification(title, message, kind):
    return {"type": "ir.actions.client", "tag": "display_notification",
            "params": {"title": title, "message": message, "type": kind, "sticky": False}}


def _first_try(dbname, ids):
    """Runs in its own thread after the change was committed."""
    threading.current_thread().dbname = dbname
    try:
        with Registry(dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["g_assistant.webhook.delivery"]._deliver_due(
                ids=ids, timeout=hub_config.FIRST_TRY_TIMEOUT)
    except Exception:
        # the cron will try again; a failure here must never reach the user
        _logger.exception("G-Assistant webhook first try failed; the cron will retry")
