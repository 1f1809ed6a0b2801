import datetime
import socket

from odoo import fields
from odoo.tests import tagged

from ..models import dispatcher, outbox
from .common import ConnectorCase

DELIVERY_LOGGER = "odoo.addons.g_assistant_connector.models.delivery_run"


def free_port():
    """A port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@tagged("post_install", "-at_install")
class TestDelivery(ConnectorCase):

    def setUp(self):
        super().setUp()
        self.lead = self.env["crm.lead"].create({"name": "عميل محتمل", "expected_revenue": 750})
        [self.delivery] = self.deliveries(self.lead)
        self.cron = self.env.ref("g_assistant_connector.ir_cron_deliver_webhooks")

    def run_cron(self):
        super().run_cron(self.cron)

    def make_due(self):
        self.delivery.next_attempt_at = fields.Datetime.now() - datetime.timedelta(seconds=1)

    def test_cron_delivers_the_signed_body_to_the_hub(self):
        self.run_cron()
        [request] = self.hub.received
        self.assertTrue(request["valid"], "signature verifies with the shared secret")
        self.assertEqual(request["path"], "/api/webhook/odoo")
        self.assertEqual(request["body"], self.delivery.payload.encode("utf-8"))
        self.assertEqual(request["json"]["data"]["name"], "عميل محتمل")
        self.assertEqual(request["headers"]["webhook-id"], self.delivery.webhook_id)
        self.assertEqual(request["headers"]["content-type"], "application/json; charset=utf-8")
        self.assertEqual((self.delivery.state, self.delivery.attempts,
                          self.delivery.last_status_code), ("sent", 1, 200))
        self.assertTrue(self.delivery.sent_at)
        self.assertGreaterEqual(self.delivery.latency_ms, 0)

    def test_sent_event_is_not_sent_again(self):
        self.run_cron()
        self.run_cron()
        self.assertEqual(len(self.hub.received), 1)

    def test_server_error_backs_off_and_retries_with_the_same_webhook_id(self):
        self.hub.statuses[:] = [500]
        before = fields.Datetime.now()
        self.run_cron()
        self.assertEqual((self.delivery.state, self.delivery.attempts,
                          self.delivery.last_status_code), ("pending", 1, 500))
        self.assertEqual(self.delivery.last_outcome, "hub_error")
        self.assertIn("HTTP 500", self.delivery.problem)
        wait = self.delivery.next_attempt_at - before
        self.assertTrue(datetime.timedelta(seconds=55) <= wait <= datetime.timedelta(seconds=65),
                        "first retry about a minute later, got %s" % wait)

        self.run_cron()
        self.assertEqual(len(self.hub.received), 1, "not due yet: nothing sent")

        self.make_due()
        self.run_cron()
        self.assertEqual(len(self.hub.received), 2)
        self.assertEqual(self.hub.received[0]["headers"]["webhook-id"],
                         self.hub.received[1]["headers"]["webhook-id"])
        self.assertEqual((self.delivery.state, self.delivery.attempts), ("sent", 2))
        self.assertFalse(self.delivery.last_error)
        self.assertFalse(self.delivery.problem)

    def test_second_failure_waits_twice_as_long(self):
        self.hub.statuses[:] = [503, 503]
        self.run_cron()
        self.make_due()
        before = fields.Datetime.now()
        self.run_cron()
        wait = self.delivery.next_attempt_at - before
        self.assertTrue(datetime.timedelta(seconds=115) <= wait <= datetime.timedelta(seconds=125))

    def test_gives_up_after_max_attempts_and_retry_now_sends_again(self):
        self.hub.statuses[:] = [500, 500, 500]  # max_attempts is 3 in these tests
        with self.assertLogs(DELIVERY_LOGGER, "ERROR") as logged:
            for _ in range(3):
                self.make_due()
                self.run_cron()
        self.assertIn("giving up", logged.output[-1])
        self.assertEqual((self.delivery.state, self.delivery.attempts), ("failed", 3))
        self.assertFalse(self.delivery.next_attempt_at)
        self.run_cron()
        self.assertEqual(len(self.hub.received), 3, "a failed event is not retried by the cron")

        self.delivery.action_retry_now()
        self.env.invalidate_all()
        self.assertEqual(len(self.hub.received), 4)
        self.assertEqual((self.delivery.state, self.delivery.attempts), ("sent", 1))
        self.assertEqual(self.hub.received[3]["headers"]["webhook-id"], self.delivery.webhook_id)

    def test_a_failing_hub_stops_the_batch_until_the_next_run(self):
        self.configure(concurrency=1)
        other = self.env["crm.lead"].create({"name": "second"})
        [other_delivery] = self.deliveries(other)
        self.hub.statuses[:] = [503]
        self.run_cron()
        self.assertEqual(len(self.hub.received), 1)
        self.assertEqual((other_delivery.state, other_delivery.attempts), ("pending", 0))
        self.run_cron()  # the hub answers again: the waiting event goes now
        self.assertEqual((other_delivery.state, other_delivery.attempts), ("sent", 1))

    def test_a_refused_event_does_not_hold_back_the_others(self):
        self.configure(concurrency=1)
        other = self.env["crm.lead"].create({"name": "second"})
        self.hub.statuses[:] = [400]
        self.run_cron()
        self.assertEqual(len(self.hub.received), 2)
        self.assertEqual(self.deliveries(other).state, "sent")

    def test_unreachable_hub_keeps_the_event_pending_and_says_no_answer(self):
        self.configure(hub_url="http://127.0.0.1:%d" % free_port())
        self.run_cron()
        self.assertEqual((self.delivery.state, self.delivery.attempts,
                          self.delivery.last_status_code), ("pending", 1, 0))
        self.assertEqual(self.delivery.last_outcome, "no_answer")
        self.assertIn("No answer from the hub", self.delivery.problem)
        for technical in ("ConnectionError", "urllib3", "HTTPConnectionPool", "Errno"):
            self.assertNotIn(technical, self.delivery.problem)
        self.assertNotIn("whsec_", self.delivery.last_error)

    def test_wrong_secret_is_refused_by_the_hub_and_retried(self):
        self.configure(secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
        self.run_cron()
        self.assertFalse(self.hub.received[0]["valid"])
        self.assertEqual((self.delivery.state, self.delivery.last_status_code), ("pending", 401))

    def test_disabled_connector_sends_nothing(self):
        self.configure(enabled=False)
        self.run_cron()
        self.assertEqual(self.hub.received, [])
        self.assertEqual((self.delivery.state, self.delivery.attempts), ("pending", 0))

    def test_events_of_one_record_reach_the_hub_in_order(self):
        self.new_transaction()
        for revenue in (1, 2, 3):
            self.lead.write({"expected_revenue": revenue})
            self.new_transaction()
        self.run_cron()
        received = [(r["json"]["event"], r["json"]["data"]["expected_revenue"])
                    for r in self.hub.received]
        self.assertEqual(received, [("lead_created", 750), ("lead_updated", 1),
                                    ("lead_updated", 2), ("lead_updated", 3)])

    def test_a_refused_event_holds_back_the_later_events_of_its_record_only(self):
        other = self.env["crm.lead"].create({"name": "second"})
        self.new_transaction()
        self.lead.write({"expected_revenue": 1})
        self.configure(concurrency=1)
        self.hub.statuses[:] = [400]
        self.run_cron()
        self.assertEqual([r["json"]["data"]["id"] for r in self.hub.received],
                         [self.lead.id, other.id], "the lead's update waits behind its creation")
        self.assertEqual(self.deliveries(self.lead).mapped("attempts"), [1, 0])

    def test_the_first_quick_attempt_delivers_every_event_of_a_big_import(self):
        leads = self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(600)])
        summary = dispatcher._Sender(self.env.cr.dbname).deliver()
        self.env.invalidate_all()
        self.assertEqual(summary.sent, 601)
        self.assertEqual(set(self.deliveries(leads).mapped("state")), {"sent"})
        self.assertEqual(len({r["headers"]["webhook-id"] for r in self.hub.received}), 601)

    def make_statistics_expect_nothing_pending(self):
        """What the statistics say after a day of events all delivered: no pending event."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE g_assistant_webhook_delivery SET state = 'sent'")
        self.env.cr.execute("ANALYZE g_assistant_webhook_delivery")
        self.env.invalidate_all()

    def test_statistics_from_before_a_big_import_are_refreshed_before_claiming(self):
        self.make_statistics_expect_nothing_pending()
        leads = self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(600)])
        self.env.flush_all()
        self.assertLess(outbox.planned_pending(self.env.cr), 60, "stale statistics")
        summary = dispatcher._Sender(self.env.cr.dbname).deliver()
        self.assertEqual(summary.sent, 600)
        # analysed while the 600 were pending, before the first claim
        self.assertGreater(outbox.planned_pending(self.env.cr), 300)
        self.env.invalidate_all()
        self.assertEqual(set(self.deliveries(leads).mapped("state")), {"sent"})

    def test_statistics_are_left_alone_when_they_are_about_right(self):
        self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(600)])
        self.env.flush_all()
        self.env.cr.execute("ANALYZE g_assistant_webhook_delivery")
        self.assertFalse(outbox.refresh_statistics(self.env.cr))
        self.make_statistics_expect_nothing_pending()
        self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(400)])
        self.env.flush_all()
        self.assertFalse(outbox.refresh_statistics(self.env.cr), "400 pending: a quick claim")
        self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(200)])
        self.env.flush_all()
        self.assertTrue(outbox.refresh_statistics(self.env.cr))
        self.assertFalse(outbox.refresh_statistics(self.env.cr), "just analysed")

    def test_retry_now_while_the_hub_is_down_says_so_and_keeps_the_schedule(self):
        self.hub.statuses[:] = [503]
        self.run_cron()
        planned = self.delivery.next_attempt_at
        self.configure(hub_url="http://127.0.0.1:%d" % free_port())
        action = self.delivery.action_retry_now()
        self.env.invalidate_all()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("does not answer", action["params"]["title"])
        self.assertIn("No answer from the hub", action["params"]["message"])
        self.assertEqual((self.delivery.state, self.delivery.attempts), ("pending", 1),
                         "the manual try used up no attempt")
        self.assertEqual(self.delivery.next_attempt_at, planned, "nor moved the next one")
        self.assertEqual(self.delivery.last_outcome, "no_answer")

    def test_retry_now_delivers_and_says_so(self):
        action = self.delivery.action_retry_now()
        self.env.invalidate_all()
        self.assertEqual((action["params"]["type"], self.delivery.state), ("success", "sent"))
        self.assertIn("1 of 1", action["params"]["message"])

    def test_cron_repeats_forever(self):
        self.assertEqual(self.cron.interval_type, "minutes")
        if "numbercall" in self.cron._fields:
            self.assertEqual(self.cron.numbercall, -1)
