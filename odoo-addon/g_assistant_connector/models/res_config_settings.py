from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import payload as payload_lib, sender, signing, urls
from . import config as hub_config

# Fields of General Settings that this module reads and writes itself (no config_parameter=:
# Odoo's default_get and get_values, both callable over RPC by any user, would read them back
# with sudo). The signing secret is not among them at all: it is only ever shown by the
# secret dialog (g_assistant.secret.wizard), to Settings administrators.
SETTINGS = (
    ("g_assistant_enabled", hub_config.ENABLED),
    ("g_assistant_hub_url", hub_config.HUB_URL),
    ("g_assistant_send_leads", hub_config.SEND_LEADS),
    ("g_assistant_send_sale_orders", hub_config.SEND_SALE_ORDERS),
    ("g_assistant_timeout", hub_config.TIMEOUT),
    ("g_assistant_max_attempts", hub_config.MAX_ATTEMPTS),
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    g_assistant_enabled = fields.Boolean("Send events to G-Assistant")
    g_assistant_hub_url = fields.Char(
        "Hub URL",
        help="The hub's address, e.g. https://hub.example.com (the path /api/webhook/odoo "
             "is added when none is given). https:// is required except for localhost.")
    g_assistant_secret_hint = fields.Char(
        "Signing Secret", compute="_compute_g_assistant_secret_hint",
        help="The whsec_ secret shared with the hub (its Odoo webhook secret). Only its end is "
             "shown here; Generate shows a new one once, to copy into the hub.")
    g_assistant_send_leads = fields.Boolean("Send Leads", default=True)
    g_assistant_send_sale_orders = fields.Boolean("Send Sales Orders", default=True)
    g_assistant_timeout = fields.Integer("Timeout (seconds)", default=hub_config.DEFAULT_TIMEOUT)
    g_assistant_max_attempts = fields.Integer(
        "Maximum Attempts", default=10,
        help="After this many failed attempts an event is marked failed (it can still be "
             "retried from G-Assistant > Webhook Deliveries).")

    def _g_assistant_is_admin(self):
        return self.env.is_superuser() or self.env.user.has_group("base.group_system")

    def _g_assistant_require_admin(self):
        if not self._g_assistant_is_admin():
            raise AccessError(_("Only Settings administrators can change the G-Assistant "
                                "connection."))

    @api.depends_context("uid")
    def _compute_g_assistant_secret_hint(self):
        hint = hub_config.secret_hint(hub_config.read(self.env).secret) \
            if self._g_assistant_is_admin() else ""
        for settings in self:
            settings.g_assistant_secret_hint = hint

    def get_values(self):
        res = super().get_values()
        if self._g_assistant_is_admin():
            config = hub_config.read(self.env)
            res.update(g_assistant_enabled=config.enabled, g_assistant_hub_url=config.hub_url,
                       g_assistant_send_leads=config.send_leads,
                       g_assistant_send_sale_orders=config.send_sale_orders,
                       g_assistant_timeout=config.timeout,
                       g_assistant_max_attempts=config.max_attempts,
                       # also a default: 17's onchange of a new record takes the defaults
                       # and does not compute what they leave out
                       g_assistant_secret_hint=hub_config.secret_hint(config.secret))
        return res

    def set_values(self):
        if not self._g_assistant_is_admin():
            # set_values is callable over RPC; only Settings administrators change the connection
            return super().set_values()
        if self.g_assistant_enabled:
            self._g_assistant_check()
        super().set_values()
        self._g_assistant_store()

    def _g_assistant_store(self):
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for name, key in SETTINGS:
            value = self[name]
            if name == "g_assistant_hub_url":
                value = (value or "").strip()
            # booleans stored explicitly as "True"/"False": an unset event switch means "on"
            set_param(key, str(value) if not isinstance(value, str) else value)

    def _g_assistant_check_url(self):
        try:
            return urls.webhook_endpoint(self.g_assistant_hub_url)
        except urls.InvalidHubUrl:
            raise UserError(_("G-Assistant: the hub URL must be an https:// address such as "
                              "https://hub.example.com (plain http:// only for localhost)."))

    def _g_assistant_check(self):
        endpoint = self._g_assistant_check_url()
        if not signing.is_valid_secret(hub_config.read(self.env).secret):
            raise UserError(_("G-Assistant: there is no signing secret yet. Click “Generate”, "
                              "or “Enter the hub's secret”, then save again."))
        if self.g_assistant_timeout < 1:
            raise UserError(_("G-Assistant: the timeout must be at least one second."))
        if self.g_assistant_max_attempts < 1:
            raise UserError(_("G-Assistant: there must be at least one attempt."))
        return endpoint

    def action_g_assistant_generate_secret(self):
        """Stores a new secret at once and shows it once, to copy into the hub.

        The button hands over the form as typed (noSaveDialog: no "save changes?" question),
        and Settings shows its stored values again when the dialog closes; so what was typed
        (the switch, the URL...) is stored with the secret, and tick, URL, Generate, Save
        works in that order."""
        self._g_assistant_require_admin()
        self.ensure_one()
        self._g_assistant_keep_typed_values()
        secret = signing.generate_secret()
        self.env["ir.config_parameter"].sudo().set_param(hub_config.SECRET, secret)
        return self.env["g_assistant.secret.wizard"]._show_new_secret(secret)

    def action_g_assistant_enter_secret(self):
        self._g_assistant_require_admin()
        self.ensure_one()
        self._g_assistant_keep_typed_values()
        return self.env["g_assistant.secret.wizard"]._ask_for_secret()

    def _g_assistant_keep_typed_values(self):
        if (self.g_assistant_hub_url or "").strip():
            self._g_assistant_check_url()
        self._g_assistant_store()

    def action_g_assistant_send_test(self):
        """Send the current state of the latest lead as a lead_updated event, synchronously."""
        self._g_assistant_require_admin()
        self.ensure_one()
        endpoint = self._g_assistant_check()
        lead = self.env["crm.lead"].with_context(active_test=False).search(
            [], order="write_date desc, id desc", limit=1)
        if not lead:
            raise UserError(_("G-Assistant: create a lead first; the test sends the latest "
                              "lead as a “Lead changed” event."))
        values = lead.sudo()._g_assistant_values()[0]
        body = payload_lib.dumps(payload_lib.event(
            payload_lib.LEAD_UPDATED, payload_lib.lead_data(values), fields.Datetime.now()))
        timeout = self.g_assistant_timeout or hub_config.DEFAULT_TIMEOUT
        result = sender.post(endpoint, hub_config.read(self.env).secret,
                             sender.new_webhook_id(), body, timeout)
        if result.ok:
            title, kind = _("Test event delivered"), "success"
            message = _("The hub stored the test event for “%(lead)s” in %(ms)s ms.",
                        lead=lead.name, ms=result.latency_ms)
        else:
            title, kind = _("Test event not delivered"), "danger"
            message = self.env["g_assistant.webhook.delivery"]._describe(
                result.outcome, result.status_code, result.detail, timeout)
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": title, "message": message, "type": kind, "sticky": True}}
