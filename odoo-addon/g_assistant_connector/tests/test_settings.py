from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import config as hub_config
from .common import SECRET, ConnectorCase
from .test_delivery import free_port


@tagged("post_install", "-at_install")
class TestSettings(ConnectorCase):

    def settings(self, **values):
        return self.env["res.config.settings"].create(values)

    def param(self, key):
        return self.env["ir.config_parameter"].sudo().get_param(key)

    def test_saving_stores_the_settings(self):
        self.settings(g_assistant_enabled=True, g_assistant_hub_url=" https://hub.example.com ",
                      g_assistant_send_sale_orders=False, g_assistant_timeout=7).execute()
        config = hub_config.read(self.env)
        self.assertEqual((config.enabled, config.hub_url, config.secret, config.send_leads,
                          config.send_sale_orders, config.timeout),
                         (True, "https://hub.example.com", SECRET, True, False, 7))
        shown = self.settings()
        self.assertFalse(shown.g_assistant_send_sale_orders)
        self.assertEqual(shown.g_assistant_hub_url, "https://hub.example.com")

    def test_plain_http_to_another_machine_is_refused(self):
        with self.assertRaisesRegex(UserError, "https://"):
            self.settings(g_assistant_enabled=True,
                          g_assistant_hub_url="http://hub.example.com").execute()

    def test_turning_on_without_a_secret_says_how_to_make_one(self):
        self.configure(secret="")
        with self.assertRaisesRegex(UserError, "Generate"):
            self.settings(g_assistant_enabled=True,
                          g_assistant_hub_url="https://hub.example.com").execute()

    def test_generate_stores_a_new_secret_and_shows_it_once(self):
        action = self.settings().action_g_assistant_generate_secret()
        new = self.param(hub_config.SECRET)
        self.assertTrue(new.startswith("whsec_"))
        self.assertNotEqual(new, SECRET)
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual((action["target"], wizard.secret), ("new", new))
        wizard.action_done()
        self.assertFalse(wizard.secret, "closing the dialog forgets the secret it showed")
        self.assertEqual(self.settings().g_assistant_secret_hint, "whsec_…" + new[-4:])

    def test_the_hubs_secret_can_be_entered_and_a_wrong_one_is_refused(self):
        action = self.settings().action_g_assistant_enter_secret()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.secret = "hunter2"
        with self.assertRaisesRegex(UserError, "whsec_"):
            wizard.action_save()
        hub_secret = "whsec_" + "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJC"
        wizard.secret = " %s " % hub_secret
        wizard.action_save()
        self.assertEqual(self.param(hub_config.SECRET), hub_secret)
        self.assertFalse(wizard.secret)

    def test_settings_never_hold_the_secret(self):
        values = self.env["res.config.settings"].default_get(
            list(self.env["res.config.settings"]._fields))
        self.assertNotIn(SECRET, repr(values))
        self.assertNotIn(SECRET, repr(self.settings().read()))

    def test_a_salesman_can_neither_change_nor_generate_the_secret(self):
        salesman = self.make_user("g_assistant_seller", "sales_team.group_sale_salesman")
        settings = self.env["res.config.settings"].with_user(salesman).sudo(False)
        with self.assertRaises(AccessError):
            settings.browse().action_g_assistant_generate_secret()
        with self.assertRaises(AccessError):
            settings.browse().action_g_assistant_enter_secret()
        self.assertEqual(self.param(hub_config.SECRET), SECRET)
        self.assertNotIn(SECRET, repr(settings.default_get(list(settings._fields))))
        self.assertNotIn(self.hub.url, repr(settings.get_values()))

    def test_send_test_event_reports_the_hubs_answer(self):
        self.env["crm.lead"].create({"name": "آخر عميل"})
        action = self.settings(g_assistant_hub_url=self.hub.url).action_g_assistant_send_test()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("آخر عميل", action["params"]["message"])
        [request] = self.hub.received
        self.assertTrue(request["valid"])
        self.assertEqual(request["json"]["event"], "lead_updated")

    def test_send_test_event_explains_a_refused_signature_in_words(self):
        self.env["crm.lead"].create({"name": "x"})
        self.configure(secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
        action = self.settings(g_assistant_hub_url=self.hub.url).action_g_assistant_send_test()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("secret", action["params"]["message"])
        self.assertNotIn("{", action["params"]["message"], "no raw JSON from the hub")

    def test_send_test_event_to_a_stopped_hub_says_no_answer_without_python(self):
        self.env["crm.lead"].create({"name": "x"})
        action = self.settings(
            g_assistant_hub_url="http://127.0.0.1:%d" % free_port()).action_g_assistant_send_test()
        message = action["params"]["message"]
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("No answer from the hub", message)
        for technical in ("ConnectionError", "urllib3", "HTTPConnectionPool", "Errno", "Max retries"):
            self.assertNotIn(technical, message)
