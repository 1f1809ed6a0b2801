"""The outbox: one row per event, written in the same transaction as the change.

Delivery happens after commit (delivery_run): a first quick attempt by this process's sender
(dispatcher), then the cron retries with exponential backoff until max attempts.
"""
import functools

from odoo import _, api, fields, models

from ..lib import payload as payload_lib, retry, sender
from . import config as hub_config, delivery_run, dispatcher, outbox

ENQUEUED = "g_assistant_connector.enqueued"      # (model, id) -> row id, this transaction
WAKE = "g_assistant_connector.wake"              # a wake-up is registered for this commit
CRON_TIME_BUDGET = 50                            # seconds; the cron runs every minute
KEEP_SENT_DAYS = 30
RECORD_MODELS = [("crm.lead", "Lead/Opportunity"), ("sale.order", "Sales Order")]


class WebhookDelivery(models.Model):
    _name = "g_assistant.webhook.delivery"
    _description = "G-Assistant Webhook Delivery"
    _order = "id desc"
    _rec_name = "record_name"

    webhook_id = fields.Char("Webhook ID", required=True, readonly=True, copy=False,
                             default=lambda self: sender.new_webhook_id(),
                             help="Sent as webhook-id; the same on every retry, so the hub "
                                  "stores the event once.")
    event = fields.Selection([
        (payload_lib.LEAD_CREATED, "Lead created"),
        (payload_lib.LEAD_UPDATED, "Lead changed"),
        (payload_lib.LEAD_DELETED, "Lead deleted"),
        (payload_lib.SALE_ORDER_CREATED, "Sales order created"),
        (payload_lib.SALE_ORDER_UPDATED, "Sales order changed"),
        (payload_lib.SALE_ORDER_DELETED, "Sales order deleted"),
    ], required=True, readonly=True, index=True)
    res_model = fields.Char("Model", readonly=True)  # crm.lead or sale.order
    res_id = fields.Many2oneReference("Record ID", model_field="res_model", readonly=True)
    record_name = fields.Char("Record", readonly=True,
                              help="The name of the lead or order when the event was written.")
    record_ref = fields.Reference(RECORD_MODELS, string="Open the record",
                                  compute="_compute_record_ref")
    payload = fields.Text("Body", readonly=True, help="The exact JSON body that is signed and sent.")
    payload_pretty = fields.Text("Body sent", compute="_compute_payload_pretty")
    state = fields.Selection([("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
                             string="Status", default="pending", required=True, readonly=True,
                             index=True)
    attempts = fields.Integer("Attempts", readonly=True)
    last_outcome = fields.Selection([
        (sender.ACCEPTED, "Stored by the hub"),
        (sender.REFUSED_SIGNATURE, "Signature refused"),
        (sender.REFUSED_BODY, "Event refused as unreadable"),
        (sender.TOO_LARGE, "Event too large"),
        (sender.NOT_FOUND, "No hub at this address"),
        (sender.REFUSED, "Refused by the hub"),
        (sender.REDIRECTED, "Redirected elsewhere"),
        (sender.HUB_ERROR, "Error in the hub"),
        (sender.TIMEOUT, "No answer in time"),
        (sender.NO_ANSWER, "No answer"),
        (sender.TLS_ERROR, "Secure connection failed"),
    ], string="Last Answer", readonly=True)
    last_status_code = fields.Integer("HTTP Status", readonly=True,
                                      help="The hub's HTTP status; empty when nothing answered.")
    latency_ms = fields.Integer("Time (ms)", readonly=True)
    problem = fields.Text("What Went Wrong", compute="_compute_problem")
    last_error = fields.Text("Technical Details", readonly=True,
                             help="What the hub answered, or the network error, as it came.")
    next_attempt_at = fields.Datetime("Next Attempt", default=fields.Datetime.now,
                                      readonly=True, index=True)
    last_attempt_at = fields.Datetime("Last Attempt", readonly=True)
    sent_at = fields.Datetime("Sent On", readonly=True)
    # set while a sender has claimed the row (outbox.claim), empty otherwise
    claim_token = fields.Char("Claimed By", readonly=True, copy=False)
    claimed_until = fields.Datetime("Claimed Until", readonly=True, copy=False)

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

    def init(self):
        # what a claim looks up: the earlier pending events of the same record
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS g_assistant_webhook_delivery_pending_record_idx
                ON g_assistant_webhook_delivery (res_model, res_id, id) WHERE state = 'pending'
        """)

    # ---- what the lists and forms show ----

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        models_ = dict(RECORD_MODELS)
        for row in self:
            ok = row.res_model in models_ and row.res_id and row.res_model in self.env
            record = self.env[row.res_model].browse(row.res_id).exists() if ok else None
            row.record_ref = "%s,%d" % (row.res_model, row.res_id) if record else False

    @api.depends("payload")
    def _compute_payload_pretty(self):
        for row in self:
            row.payload_pretty = payload_lib.pretty(row.payload)

    @api.depends("state", "attempts", "last_outcome", "last_status_code", "last_error")
    def _compute_problem(self):
        timeout = hub_config.read(self.env).timeout
        for row in self:
            row.problem = False if row.state == "sent" or not row.last_outcome else \
                self._describe(row.last_outcome, row.last_status_code, row.last_error,
                               timeout)

    # ---- enqueueing (called by crm.lead and sale.order) ----

    @api.model
    def _wants(self, kind):
        config = hub_config.read(self.env)
        return config.enabled and getattr(config, "send_" + kind)

    @api.model
    def _enqueue(self, event, records, datas):
        """Add one event per record to the outbox, in one statement, or refresh this
        transaction's rows for the records: several writes to one record in one transaction
        become one event carrying the final values, and a record created in this transaction
        stays a *_created event."""
        if not records:
            return
        cr = self.env.cr
        now = fields.Datetime.now()
        enqueued = cr.postcommit.data.setdefault(ENQUEUED, {})
        fresh, refreshes = [], []
        for record, data in zip(records, datas):
            key = (record._name, record.id)
            previous = enqueued.get(key)
            if event in payload_lib.DELETED_EVENTS or previous is None:
                fresh.append((key, event, data))
                continue
            merged = previous[1] if previous[1] in payload_lib.CREATED_EVENTS else event
            refreshes.append((key, merged, data))
        self.flush_model()
        body = functools.partial(_body, when=now)
        refreshed = outbox.refresh(cr, [(enqueued[key][0], ev, data.get("name"), body(ev, data))
                                        for key, ev, data in refreshes], self.env.uid, now)
        fresh += [item for item in refreshes if enqueued[item[0]][0] not in refreshed]
        ids = outbox.insert(cr, [(sender.new_webhook_id(), ev, key[0], key[1], data.get("name"),
                                  body(ev, data)) for key, ev, data in fresh], self.env.uid, now)
        for (key, ev, _data), row_id in zip(fresh, ids):
            if ev in payload_lib.DELETED_EVENTS:
                enqueued.pop(key, None)
            else:
                enqueued[key] = (row_id, ev)
        if refreshed:
            self.invalidate_model(["event", "record_name", "payload"])
        if not cr.postcommit.data.get(WAKE):
            cr.postcommit.data[WAKE] = True
            cr.postcommit.add(functools.partial(dispatcher.wake, cr.dbname))

    # ---- delivery ----

    @api.model
    def _cron_deliver(self):
        self._deliver(time_budget=CRON_TIME_BUDGET)

    @api.model
    def _deliver(self, ids=None, manual=False, time_budget=None):
        """Runs delivery_run.deliver_due in transactions of its own, with this environment's
        settings; the records of this environment are read again afterwards."""
        summary = delivery_run.deliver_due(self.pool, hub_config.read(self.env), self.env.uid,
                                           ids=ids, manual=manual, time_budget=time_budget)
        self.invalidate_model()
        return summary

    def action_retry_now(self):
        """Sends the selected events now. It is an extra try: a failed event gets a new
        series of attempts, but a try that fails uses up no attempt and leaves the next
        automatic one where it was."""
        rows = self.filtered(lambda r: r.state in ("pending", "failed"))
        if not rows:
            return _notification(_("Nothing to retry"),
                                 _("The selected events were already delivered."), "info")
        config = hub_config.read(self.env)
        if not config.enabled:
            return _notification(_("The connector is off"),
                                 _("Turn on “Send events to G-Assistant” in Settings; the "
                                   "events wait until then."), "warning")
        if hub_config.problem(config):
            return _notification(_("The connector is not set up"),
                                 _("Enter the hub URL and a signing secret in Settings."),
                                 "warning")
        summary = self._deliver(ids=rows.ids, manual=True)
        return self._retry_notification(rows, summary, config)

    def _retry_notification(self, rows, summary, config):
        waiting = len(rows) - summary.tried - summary.untried
        failures = [answer for _id, answer in summary.results if not answer.ok]
        parts = []
        if summary.sent:
            parts.append(_("%(count)s of %(total)s events were delivered.",
                           count=summary.sent, total=len(rows)))
        if failures:
            first = failures[0]
            parts.append(self._describe(first.outcome, first.status_code, first.detail,
                                        config.timeout))
        if summary.untried or failures:
            left = summary.untried + len(failures)
            parts.append(_("%(count)s events are still waiting; their automatic attempts "
                           "continue as planned (this try did not count as one).", count=left))
        if waiting > 0:
            parts.append(_("%(count)s events wait for an earlier event of the same record "
                           "to be delivered first.", count=waiting))
        if summary.sent == len(rows):
            title, kind = _("Delivered"), "success"
        elif summary.hub_down:
            title, kind = _("The hub still does not answer"), "danger"
        elif failures:
            title, kind = _("The hub did not accept every event"), "warning"
        else:
            title, kind = _("Some events wait"), "info"
        return _notification(title, " ".join(parts), kind)

    @api.model
    def _describe(self, outcome, status_code, detail, timeout):
        """An attempt's outcome in words an administrator can act on (translated); the hub's own
        words, when it gave a reason, follow."""
        said = (" " + _("The hub said: %s", detail)) if detail and outcome in (
            sender.REFUSED_BODY, sender.REFUSED, sender.HUB_ERROR) else ""
        messages = {
            sender.ACCEPTED: _("The hub stored the event."),
            sender.REFUSED_SIGNATURE: _(
                "The hub refused the signature: the signing secret in Odoo and the hub's Odoo "
                "webhook secret differ, or this server's clock is more than 5 minutes off."),
            sender.REFUSED_BODY: _("The hub could not read the event (HTTP %s).", status_code),
            sender.TOO_LARGE: _("The event is larger than the hub accepts (1 MiB)."),
            sender.NOT_FOUND: _("There is no G-Assistant hub at this address (HTTP %s): check "
                                "the hub URL in Settings.", status_code),
            sender.REFUSED: _("The hub refused the event (HTTP %s).", status_code),
            sender.REDIRECTED: _("The hub URL redirects elsewhere (HTTP %s): enter the final "
                                 "address, with https://, in Settings.", status_code),
            sender.HUB_ERROR: _("The hub had an error (HTTP %s); the event is tried again "
                                "later.", status_code),
            sender.TIMEOUT: _("The hub did not answer within %s seconds; the event is tried "
                              "again later.", timeout),
            sender.NO_ANSWER: _("No answer from the hub: it is stopped, or the Odoo server "
                                "cannot reach it at this address. The event is tried again later."),
            sender.TLS_ERROR: _("The secure connection to the hub failed (its HTTPS certificate "
                                "or configuration). The event is tried again later."),
        }
        return messages.get(outcome, _("The attempt failed.")) + said

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


def _body(event, data, when):
    return payload_lib.dumps(payload_lib.event(event, data, when))


def _notification(title, message, kind):
    return {"type": "ir.actions.client", "tag": "display_notification",
            "params": {"title": title, "message": message, "type": kind, "sticky": False,
                       "next": {"type": "ir.actions.act_window_close"}}}
