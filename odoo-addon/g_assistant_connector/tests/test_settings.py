from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import config as hub_config
from .common import SECRET, ConnectorCase


@tagged("post_install", "-at_install")
class TestSettings(ConnectorCase):

    def settings(self, **values):
        return self.env["res.config.settings"].create(values)

    def param(self, key):
        return self.env["ir.config_parameter"].sudo().get_param(key)

    def test_saving_stores_the_settings(self):
        self.settings(g_assistant_enabled=True, g_assistant_hub_url="https://hub.example.com",
                      g_assistant_secret=SECRET, g_assistant_send_sale_orders=False,
                      g_assistant_timeout=7).execute()
        config = hub_config.read(self.env)
        self.assertEqual((config.enabled, config.hub_url, config.secret, config.send_leads,
                          config.send_sale_orders, config.timeout),
                         (True, "https://hub.example.com", SECRET, True, False, 7))
        self.assertFalse(self.settings().g_assistant_send_sale_orders)

    def test_plain_http_to_another_machine_is_refused(self):
        with self.assertRaises(UserError):
            self.settings(g_assistant_enabled=True, g_assistant_hub_url="http://hub.example.com",
                          g_assistant_secret=SECRET).execute()

    def test_a_secret_that_is_not_whsec_is_refused(self):
        with self.assertRaises(UserError):
            self.settings(g_assistant_enabled=True, g_assistant_hub_url="https://hub.example.com",
                          g_assistant_secret="hunter2").execute()

    def test_generate_secret_stores_a_new_whsec_secret(self):
        settings = self.settings()
        settings.action_g_assistant_generate_secret()
        self.assertTrue(settings.g_assistant_secret.startswith("whsec_"))
        self.assertNotEqual(settings.g_assistant_secret, SECRET)
        self.assertEqual(self.param(hub_config.SECRET), settings.g_assistant_secret)

    def test_secret_is_for_administrators_only(self):
        field = self.env["res.config.settings"]._fields["g_assistant_secret"]
        self.assertEqual(field.groups, "base.group_system")

    def test_send_test_event_reports_the_hubs_answer(self):
        self.env["crm.lead"].create({"name": "آخر عميل"})
        action = self.settings().action_g_assistant_send_test()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("200", action["params"]["message"])
        [request] = self.hub.received
        self.assertTrue(request["valid"])
        self.assertEqual(request["json"]["event"], "lead_updated")

    def test_send_test_event_explains_a_refused_signature(self):
        self.env["crm.lead"].create({"name": "x"})
        settings = self.settings(g_assistant_secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
        action = settings.action_g_assistant_send_test()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("401", action["params"]["message"])
        self.assertIn("secret", action["params"]["message"])
