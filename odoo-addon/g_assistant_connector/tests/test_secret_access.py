import json

from odoo.tests import HttpCase, tagged

from ..models import config as hub_config
from .common import SECRET, configure, groups_field

SALESMAN_PASSWORD = "g-assistant-Seller-1"


@tagged("post_install", "-at_install")
class TestSecretAccess(HttpCase):
    """The signing secret lets anyone send events the hub accepts: over JSON-RPC, as the web
    client calls Odoo, a user of "Sales / User: Own Documents" must not read it by any path."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure(cls.env, enabled=True, hub_url="https://hub.example.com", secret=SECRET)
        cls.env["res.users"].create({
            "name": "Seller", "login": "g_assistant_seller", "password": SALESMAN_PASSWORD,
            groups_field(cls.env): [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])]})
        # what an administrator leaves behind: a saved settings record and a secret dialog
        cls.settings_id = cls.env["res.config.settings"].create({}).id
        wizard = cls.env["g_assistant.secret.wizard"].create({"mode": "show", "secret": SECRET})
        cls.wizard_id = wizard.id

    def call(self, model, method, *args, **kwargs):
        response = self.url_open(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "model": model, "method": method, "args": list(args), "kwargs": kwargs}}),
            headers={"Content-Type": "application/json"})
        self.assertEqual(response.status_code, 200)
        return response.text

    def assert_no_secret(self, *answers):
        for answer in answers:
            self.assertNotIn(SECRET, answer)
            self.assertNotIn(SECRET[len("whsec_"):], answer)

    def test_no_read_path_gives_a_salesman_the_secret(self):
        self.authenticate("g_assistant_seller", SALESMAN_PASSWORD)
        settings_fields = list(self.env["res.config.settings"]._fields)
        spec = {name: {} for name in settings_fields}
        wizard_spec = {"secret": {}, "mode": {}}
        answers = [
            self.call("res.config.settings", "default_get", settings_fields),
            self.call("res.config.settings", "get_values", []),
            self.call("res.config.settings", "onchange", [], {}, [], spec),
            self.call("res.config.settings", "read", [self.settings_id], settings_fields),
            self.call("res.config.settings", "web_read", [self.settings_id], spec),
            self.call("res.config.settings", "search_read", [], settings_fields),
            self.call("ir.config_parameter", "get_param", hub_config.SECRET),
            self.call("ir.config_parameter", "search_read", [], ["key", "value"]),
            self.call("g_assistant.secret.wizard", "read", [self.wizard_id], ["secret"]),
            self.call("g_assistant.secret.wizard", "web_read", [self.wizard_id], wizard_spec),
            self.call("g_assistant.secret.wizard", "search_read", [], ["secret"]),
            self.call("g_assistant.secret.wizard", "onchange", [], {}, [], wizard_spec),
            self.call("g_assistant.secret.wizard", "default_get", ["secret"]),
        ]
        self.assert_no_secret(*answers)
        # nor make a secret of their own, which would cut the hub off
        answer = self.call("res.config.settings", "action_g_assistant_generate_secret",
                           [self.settings_id])
        self.assertIn("error", json.loads(answer))
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(hub_config.SECRET),
                         SECRET)

    def test_settings_show_an_administrator_only_the_end_of_the_secret(self):
        self.authenticate("admin", "admin")
        settings_fields = list(self.env["res.config.settings"]._fields)
        answer = self.call("res.config.settings", "onchange", [], {}, [],
                           {name: {} for name in settings_fields})
        self.assert_no_secret(answer, self.call("res.config.settings", "default_get",
                                                settings_fields))
        self.assertIn("whsec_…" + SECRET[-4:], answer)
