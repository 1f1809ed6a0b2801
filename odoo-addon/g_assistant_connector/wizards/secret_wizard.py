from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import signing
from ..models import config as hub_config


class SecretWizard(models.TransientModel):
    """The one place the signing secret is shown: once, right after Generate, to copy into the
    hub; or typed in, when the hub made the secret. Settings administrators only (access
    rules), and the secret is erased from the dialog's row when it is closed with Done."""

    _name = "g_assistant.secret.wizard"
    _description = "G-Assistant Signing Secret"

    mode = fields.Selection([("show", "Show a new secret"), ("enter", "Enter the hub's secret")],
                            string="Purpose", required=True, default="enter", readonly=True)
    secret = fields.Char("Signing Secret", groups="base.group_system")

    @api.model
    def _open(self, values, title):
        wizard = self.create(values)
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": wizard.id,
                "name": title, "view_mode": "form", "views": [(False, "form")],
                "target": "new"}

    @api.model
    def _show_new_secret(self, secret):
        return self._open({"mode": "show", "secret": secret}, _("Your new signing secret"))

    @api.model
    def _ask_for_secret(self):
        return self._open({"mode": "enter"}, _("Enter the hub's signing secret"))

    def action_save(self):
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only Settings administrators can change the signing secret."))
        secret = (self.secret or "").strip()
        if not signing.is_valid_secret(secret):
            raise UserError(_("This is not a signing secret: it starts with whsec_ followed by "
                              "letters, digits, + and / (base64), as the hub shows it."))
        self.env["ir.config_parameter"].sudo().set_param(hub_config.SECRET, secret)
        self.secret = False
        return {"type": "ir.actions.act_window_close"}

    def action_done(self):
        self.secret = False
        return {"type": "ir.actions.act_window_close"}
