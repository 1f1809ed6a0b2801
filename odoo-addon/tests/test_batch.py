import socket
import threading
import time
import unittest

from addon_lib import load, load_hub_double

batch = load("batch")
sender = load("sender")
signing = load("signing")
HubDouble = load_hub_double()

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def body(record, n):
    return '{"event":"lead_updated","timestamp":"2026-11-24T10:00:00","data":{"id":%d,"n":%d}}' % (
        record, n)


class BatchTest(unittest.TestCase):
    def hub(self, statuses=(), delay=0.0):
        hub = HubDouble(lambda i, t, b, s: signing.verify(SECRET, i, t, b, s), statuses).start()
        if delay:
            hub.on_request = lambda request: time.sleep(delay)
        self.addCleanup(hub.stop)
        return hub

    def messages(self, records, per_record=1):
        return [batch.Message(("crm.lead", r), sender.new_webhook_id(), body(r, n))
                for n in range(per_record) for r in range(records)]

    def test_each_event_is_its_own_signed_request_with_its_own_webhook_id(self):
        hub = self.hub()
        messages = self.messages(40)
        results = batch.send_all(hub.url, SECRET, messages, timeout=5, concurrency=4)
        self.assertTrue(all(r.ok for r in results))
        self.assertEqual(sorted(r["headers"]["webhook-id"] for r in hub.received),
                         sorted(m.webhook_id for m in messages))
        self.assertTrue(all(r["valid"] for r in hub.received))

    def test_several_requests_are_in_flight_but_never_more_than_asked(self):
        hub = self.hub(delay=0.05)
        batch.send_all(hub.url, SECRET, self.messages(24), timeout=5, concurrency=4)
        self.assertEqual(hub.in_flight_max, 4)

    def test_events_of_one_record_keep_their_order(self):
        hub = self.hub(delay=0.01)
        messages = self.messages(5, per_record=4)
        batch.send_all(hub.url, SECRET, messages, timeout=5, concurrency=8)
        for record in range(5):
            sent = [r["json"]["data"]["n"] for r in hub.received if r["json"]["data"]["id"] == record]
            self.assertEqual(sent, [0, 1, 2, 3])

    def test_a_refused_event_holds_back_the_later_events_of_its_record(self):
        hub = self.hub(statuses=[400])
        messages = self.messages(1, per_record=3)
        results = batch.send_all(hub.url, SECRET, messages, timeout=5, concurrency=1)
        self.assertEqual([r and r.outcome for r in results], [sender.REFUSED_BODY, None, None])

    def test_a_hub_that_stops_answering_stops_the_batch(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        results = batch.send_all("http://127.0.0.1:%d/api/webhook/odoo" % port, SECRET,
                                 self.messages(50), timeout=2, concurrency=4)
        tried = [r for r in results if r is not None]
        self.assertLessEqual(len(tried), 4, "one failed attempt per worker at most")
        self.assertTrue(all(r.outcome == sender.NO_ANSWER for r in tried))

    def test_the_pool_of_senders_is_bounded_whatever_the_callers(self):
        hub = self.hub(delay=0.02)
        callers = [threading.Thread(target=batch.send_all, args=(
            hub.url, SECRET, self.messages(10), 5, batch.MAX_CONCURRENCY)) for _ in range(6)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join()
        senders = [t for t in threading.enumerate() if t.name.startswith("g_assistant sender")]
        self.assertLessEqual(len(senders), batch.MAX_CONCURRENCY)
        self.assertLessEqual(hub.in_flight_max, batch.MAX_CONCURRENCY)
        self.assertEqual(len(hub.received), 60)


if __name__ == "__main__":
    unittest.main()
