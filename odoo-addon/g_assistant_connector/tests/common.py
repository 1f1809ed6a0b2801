import contextlib
import json

from odoo.tests import TransactionCase

from ..lib import signing
from ..models import config as hub_config
from .hub_double import HubDouble

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PARAMS = {"enabled": hub_config.ENABLED, "hub_url": hub_config.HUB_URL,
          "secret": hub_config.SECRET, "send_leads": hub_config.SEND_LEADS,
          "send_sale_orders": hub_config.SEND_SALE_ORDERS,
          "max_attempts": hub_config.MAX_ATTEMPTS, "timeout": hub_config.TIMEOUT,
          "concurrency": hub_config.CONCURRENCY}


def configure(env, **values):
    """Sets the connector's system parameters (enabled, hub_url, secret...) as Settings would."""
    for name, value in values.items():
        env["ir.config_parameter"].sudo().set_param(PARAMS[name], str(value))


def groups_field(env):
    # res.users.groups_id is group_ids from Odoo 19 on
    return "group_ids" if "group_ids" in env["res.users"]._fields else "groups_id"


def enter_registry_test_mode(case):
    """Makes registry.cursor() hand out the test's cursor (savepoints), as in HttpCase: the
    delivery runs its claim and its results in transactions of their own, which must see the
    test's rows. 19 has registry_enter_test_mode(); 17 and 18 Registry.enter_test_mode()."""
    if hasattr(case, "registry_enter_test_mode"):
        case.registry_enter_test_mode()
    else:
        case.registry.enter_test_mode(case.cr)
        case.addCleanup(case.registry.leave_test_mode)


class ConnectorCase(TransactionCase):
    """Connector enabled, pointing at a hub double on 127.0.0.1 that checks signatures."""

    registry_test_mode = True

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
        self.hub.on_request = None
        if self.registry_test_mode:
            enter_registry_test_mode(self)

    @staticmethod
    def verify(msg_id, timestamp, body, signature):
        return signing.verify(SECRET, msg_id, timestamp, body, signature)

    @classmethod
    def configure(cls, **values):
        configure(cls.env, **values)

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
        """Run a scheduled action now, as the scheduler would (17 and 18 in the current
        cursor, 19 in a new one: the test's, in registry test mode). The delivery reads the
        outbox in transactions of its own, as after a commit: the test's pending ORM writes
        (make_due) are flushed first, which 19's trigger does by itself and 17's does not."""
        self.env.flush_all()
        cron.method_direct_trigger()
        self.env.invalidate_all()

    def make_user(self, login, *groups, password=None):
        values = {"name": login, "login": login,
                  groups_field(self.env): [(6, 0, [self.env.ref(group).id for group in groups])]}
        if password:
            values["password"] = password
        return self.env["res.users"].create(values)

    @staticmethod
    def can_read(records):
        # check_access_rights is deprecated from Odoo 18 on, where has_access replaces it
        if hasattr(records, "has_access"):
            return records.has_access("read")
        return records.check_access_rights("read", raise_exception=False)

    @contextlib.contextmanager
    def count_inserts(self, table="g_assistant_webhook_delivery"):
        """Counts the INSERT statements into `table` run inside the block."""
        counted = []
        execute = type(self.env.cr).execute

        def counting(cr, query, params=None, log_exceptions=True):
            text = query.code if hasattr(query, "code") else str(query)
            if text.lstrip().upper().startswith("INSERT INTO") and \
                    text.split()[2].strip('"') == table:
                counted.append(text)
            return execute(cr, query, params, log_exceptions)

        with _patch(type(self.env.cr), "execute", counting):
            yield counted


@contextlib.contextmanager
def _patch(owner, name, value):
    old = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, old)
