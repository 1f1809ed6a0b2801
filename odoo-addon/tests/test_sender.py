import json
import socket
import unittest

from addon_lib import load, load_hub_double

sender = load("sender")
signing = load("signing")
HubDouble = load_hub_double()

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = '{"event":"lead_created","timestamp":"2026-11-24T10:00:00","data":{"id":1,"name":"عميل جديد"}}'


def verify_with(secret):
    return lambda msg_id, ts, body, sig: signing.verify(secret, msg_id, ts, body, sig)


class SenderTest(unittest.TestCase):
    def hub(self, secret=SECRET, statuses=()):
        hub = HubDouble(verify_with(secret), statuses).start()
        self.addCleanup(hub.stop)
        return hub

    def test_hub_receives_signed_utf8_json_and_answers_ok(self):
        hub = self.hub()
        result = sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=5)
        self.assertTrue(result.ok)
        self.assertEqual(result.status_code, 200)
        self.assertIsNone(result.error)
        request = hub.received[0]
        self.assertTrue(request["valid"])
        self.assertEqual(request["body"], BODY.encode("utf-8"))
        self.assertEqual(request["json"]["data"]["name"], "عميل جديد")
        self.assertEqual(request["headers"]["webhook-id"], "msg_abc")
        self.assertEqual(request["headers"]["content-type"], "application/json; charset=utf-8")

    def test_wrong_secret_is_reported_as_the_hubs_401(self):
        hub = self.hub(secret="whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB")
        result = sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=5)
        self.assertFalse(result.ok)
        self.assertEqual(result.status_code, 401)
        self.assertIn("HTTP 401", result.error)

    def test_server_error_is_not_ok(self):
        hub = self.hub(statuses=[500])
        result = sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=5)
        self.assertEqual((result.ok, result.status_code), (False, 500))

    def test_unreachable_hub_is_an_error_not_an_exception(self):
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        result = sender.post("http://127.0.0.1:%d/api/webhook/odoo" % port, SECRET, "msg_abc",
                             BODY, timeout=2)
        self.assertFalse(result.ok)
        self.assertIsNone(result.status_code)
        self.assertIn("ConnectionError", result.error)
        self.assertNotIn(SECRET, result.error)

    def test_timestamp_is_the_time_of_the_attempt(self):
        hub = self.hub()
        sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=5, now=1_800_000_000)
        self.assertEqual(hub.received[0]["headers"]["webhook-timestamp"], "1800000000")

    def test_new_ids_are_unique_msg_ids(self):
        a, b = sender.new_webhook_id(), sender.new_webhook_id()
        self.assertTrue(a.startswith("msg_"))
        self.assertNotEqual(a, b)
        json.dumps(a)


if __name__ == "__main__":
    unittest.main()
