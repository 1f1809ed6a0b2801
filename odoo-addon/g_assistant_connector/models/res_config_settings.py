from odoo import _, fields, models
from odoo.exceptions import UserError

from ..lib import payload as payload_lib, signing, urls, sender
from . import config as hub_config


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    g_assistant_enabled = fields.Boolean(
        "Send events to G-Assistant", config_parameter=hub_config.ENABLED)
    g_assistant_hub_url = fields.Char(
        "Hub URL", config_parameter=hub_config.HUB_URL,
        help="The hub's address, e.g. https://hub.example.com (the path /api/webhook/odoo "
             "is added when none is given). https:// is required except for localhost.")
    g_assistant_secret = fields.Char(
        "Signing Secret", config_parameter=hub_config.SECRET, groups="base.group_system",
        help="The whsec_ secret shared with the hub (its Odoo:WebhookSecret).")
    g_assistant_send_leads = fields.Boolean("Send Leads", default=True)
    g_assistant_send_sale_orders = fields.Boolean("Send Sale Orders", default=True)
    g_assistant_timeout = fields.Integer(
        "Timeout (seconds)", default=hub_config.DEFAULT_TIMEOUT,
        config_parameter=hub_config.TIMEOUT)
    g_assistant_max_attempts = fields.Integer(
        "Maximum Attempts", default=10, config_parameter=hub_config.MAX_ATTEMPTS,
        help="After this many failed attempts an event is marked failed (it can still be "
             "retried from G-Assistant > Webhook Deliveries).")

    def get_values(self):
        res = super().get_values()
        config = hub_config.read(self.env)
        res.update(g_assistant_send_leads=config.send_leads,
                   g_assistant_send_sale_orders=config.send_sale_orders)
        return res

    def set_values(self):
        if self.g_assistant_enabled:
            self._g_assistant_check()
        super().set_values()
        set_param = self.env["ir.config_parameter"].sudo().set_param
        # stored explicitly as "True"/"False": an unset parameter means "on"
        set_param(hub_config.SEND_LEADS, str(bool(self.g_assistant_send_leads)))
        set_param(hub_config.SEND_SALE_ORDERS, str(bool(self.g_assistant_send_sale_orders)))

    def _g_assistant_check(self):
        try:
            endpoint = urls.webhook_endpoint(self.g_assistant_hub_url)
        except urls.InvalidHubUrl as e:
            raise UserError(_("G-Assistant: %s", e)) from None
        if not signing.is_valid_secret((self.g_assistant_secret or "").strip()):
            raise UserError(_("G-Assistant: the signing secret must be a whsec_ secret. "
                              "Use “Generate” and copy it to the hub."))
        if self.g_assistant_timeout and self.g_assistant_timeout < 1:
            raise UserError(_("G-Assistant: the timeout must be at least one second."))
        return endpoint

    def action_g_assistant_generate_secret(self):
        self.ensure_one()
        secret = signing.generate_secret()
        # Stored at once so the shown secret is the one in use; copy it to the hub.
        self.env["ir.config_parameter"].sudo().set_param(hub_config.SECRET, secret)
        self.g_assistant_secret = secret
        return False

    def action_g_assistant_send_test(self):
        """Send the current state of the latest lead as a lead_updated event, synchronously."""
        self.ensure_one()
        endpoint = self._g_assistant_check()
        lead = self.env["crm.lead"].with_context(active_test=False).search(
            [], order="write_date desc, id desc", limit=1)
        if not lead:
            raise UserError(_("G-Assistant: create a lead first; the test sends the latest "
                              "lead as a lead_updated event."))
        values = lead.sudo()._g_assistant_values()[0]
        body = payload_lib.dumps(payload_lib.event(
            payload_lib.LEAD_UPDATED, payload_lib.lead_data(values), fields.Datetime.now()))
        result = sender.post(endpoint, self.g_assistant_secret.strip(), sender.new_webhook_id(),
                             body, self.g_assistant_timeout or hub_config.DEFAULT_TIMEOUT)
        title, message, kind = self._g_assistant_describe(result, lead)
        return {"type": "ir.actions.client", "tag": "display_notification",
                "params": {"title": title, "message": message, "type": kind, "sticky": True}}

    def _g_assistant_describe(self, result, lead):
        if result.ok:
            return (_("G-Assistant: test event accepted"),
                    _("The hub answered HTTP %(status)s in %(ms)s ms to lead_updated for "
                      "“%(lead)s”.", status=result.status_code, ms=result.latency_ms,
                      lead=lead.name), "success")
        if result.status_code == 401:
            hint = _("The hub refused the signature: the secret here and the hub's "
                     "Odoo:WebhookSecret differ, or the clocks are more than 5 minutes apart.")
        elif result.status_code is None:
            hint = _("The hub could not be reached: check the URL, the network and that "
                     "the hub is running.")
        else:
            hint = _("The hub answered with an error.")
        return (_("G-Assistant: test event refused"),
                "%s (%s)" % (hint, result.error), "danger")
