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
