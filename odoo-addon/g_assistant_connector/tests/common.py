import contextlib
import json

from odoo.tests import TransactionCase

from ..lib import signing
from ..models import config as hub_config
from .hub_double import HubDouble

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


class ConnectorCase(TransactionCase):
    """Connector enabled, pointing at a hub double on 127.0.0.1 that checks signatures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Delivery = cls.env["g_assistant.webhook.delivery"]
        cls.hub = HubDouble(cls.verify).start()
        cls.addClassCleanup(cls.hub.stop)
        cls.configure(enabled=True, hub_url=cls.hub.url, secret=SECRET, max_attempts=3)

    def setUp(self):
        super().setUp()
        self.hub.received.clear()
        self.hub.statuses.clear()

    @staticmethod
    def verify(msg_id, timestamp, body, signature):
        return signing.verify(SECRET, msg_id, timestamp, body, signature)

    @classmethod
    def configure(cls, **values):
        keys = {"enabled": hub_config.ENABLED, "hub_url": hub_config.HUB_URL,
                "secret": hub_config.SECRET, "send_leads": hub_config.SEND_LEADS,
                "send_sale_orders": hub_config.SEND_SALE_ORDERS,
                "max_attempts": hub_config.MAX_ATTEMPTS, "timeout": hub_config.TIMEOUT}
        for name, value in values.items():
            cls.env["ir.config_parameter"].sudo().set_param(keys[name], str(value))

    def new_transaction(self):
        """What a commit does to the connector's per-transaction bookkeeping."""
        self.env.flush_all()
        self.env.cr.postcommit.clear()

    def deliveries(self, records=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)] \
            if records is not None else []
        return self.Delivery.search(domain, order="id")

    @staticmethod
    def body(delivery):
        return json.loads(delivery.payload)

    def run_cron(self, cron):
        """Run a scheduled action now, as the scheduler would, seeing this test's rows.

        Odoo 19 runs the job in a cursor of its own, which cannot see the test's uncommitted
        rows; in registry test mode that cursor wraps the test's (what Odoo's own tests do).
        17 and 18 run it in the current cursor.
        """
        test_mode = getattr(self, "enter_registry_test_mode", contextlib.nullcontext)
        with test_mode():
            cron.method_direct_trigger()

    def make_user(self, login, *groups):
        # res.users.groups_id is group_ids from Odoo 19 on
        field = "group_ids" if "group_ids" in self.env["res.users"]._fields else "groups_id"
        return self.env["res.users"].create({
            "name": login, "login": login,
            field: [(6, 0, [self.env.ref(group).id for group in groups])],
        })

    @staticmethod
    def can_read(records):
        # check_access_rights is deprecated from Odoo 18 on, where has_access replaces it
        if hasattr(records, "has_access"):
            return records.has_access("read")
        return records.check_access_rights("read", raise_exception=False)
