"""Delivery with rows committed for real, as between Odoo workers and processes: the claim is
its own transaction, nothing stays locked while the hub is called, and a run that began before
another worker committed does not fail with "could not serialize access"."""
import threading
import time
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import tagged

from ..lib import sender
from ..models import delivery_run, dispatcher, outbox
from .common import ConnectorCase


@tagged("post_install", "-at_install")
class TestDeliveryTransactions(ConnectorCase):
    registry_test_mode = False

    def setUp(self):
        super().setUp()
        # the claim runs in READ COMMITTED as in production (tests normally skip that)
        self.startPatcher(patch.object(delivery_run, "in_test", return_value=False))
        # the test's own settings, as the registry's cache of system parameters holds them
        self.assertTrue(delivery_run.hub_config.read(self.env).enabled)
        self.committed = []
        self.addCleanup(self.remove_committed)

    def commit_rows(self, count):
        now = fields.Datetime.now()
        with self.registry.cursor() as cr:
            ids = outbox.insert(cr, [(sender.new_webhook_id(), "lead_created", "crm.lead",
                                      900000 + i, "Committed %d" % i, '{"event":"lead_created",'
                                      '"timestamp":"2026-11-24T10:00:00","data":{"id":%d}}' % i)
                                     for i in range(count)], SUPERUSER_ID, now)
        self.committed += ids
        return ids

    def remove_committed(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM g_assistant_webhook_delivery WHERE id = ANY(%s)",
                       [self.committed])

    def committed_states(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT state, attempts, claim_token FROM g_assistant_webhook_delivery"
                       " WHERE id = ANY(%s) ORDER BY id", [self.committed])
            return cr.fetchall()

    def test_a_run_that_began_before_another_worker_committed_does_not_fail(self):
        [row_id] = self.commit_rows(1)
        with self.registry.cursor() as cron_cr:
            cron_cr.execute("SELECT 1")  # the scheduler's transaction has its snapshot
            with self.registry.cursor() as other:  # meanwhile a first try records an answer
                other.execute("UPDATE g_assistant_webhook_delivery SET last_attempt_at ="
                              " now() AT TIME ZONE 'UTC' WHERE id = %s", [row_id])
            cron = api.Environment(cron_cr, SUPERUSER_ID, {})
            with self.assertNoLogs("odoo.sql_db", "ERROR"):
                cron["g_assistant.webhook.delivery"]._cron_deliver()
        self.assertEqual(self.committed_states(), [("sent", 1, None)])

    def test_nothing_is_locked_while_the_hub_is_called(self):
        [row_id] = self.commit_rows(1)
        seen = []

        def try_to_lock(request):
            with self.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '1s'")
                cr.execute("SELECT id FROM g_assistant_webhook_delivery WHERE id = %s"
                           " FOR UPDATE", [row_id])
                seen.append(cr.fetchone()[0])

        self.hub.on_request = try_to_lock
        summary = self.Delivery._deliver()
        self.assertEqual((summary.sent, seen), (1, [row_id]), "the row could not be locked")
        self.assertEqual(self.committed_states(), [("sent", 1, None)])

    def test_many_commits_share_one_sender_thread(self):
        release = threading.Event()
        started = []

        def deliver(sender_self):
            started.append(sender_self.dbname)
            release.wait(10)
            return delivery_run.Summary(0, 0, 0, 0, False, [])

        dbname = "g_assistant_test_%d" % id(self)
        with patch.object(dispatcher._Sender, "deliver", deliver):
            for _ in range(20):
                dispatcher.wake(dbname)
            time.sleep(0.5)
            threads = [t for t in threading.enumerate() if t.name.endswith(dbname)]
            release.set()
            time.sleep(0.5)  # a run for the wake-ups that came meanwhile, still patched
        self.assertEqual(len(threads), 1)
        self.assertLessEqual(len(started), 2, "the wake-ups while it worked become one more run")
        dispatcher._senders.pop(dbname, None)
