import json
import socket
import time
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
        self.assertEqual((result.status_code, result.outcome), (200, sender.ACCEPTED))
        self.assertIsNone(result.detail)
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
        self.assertEqual((result.status_code, result.outcome), (401, sender.REFUSED_SIGNATURE))

    def test_server_error_is_not_ok(self):
        hub = self.hub(statuses=[500])
        result = sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=5)
        self.assertEqual((result.ok, result.status_code, result.outcome),
                         (False, 500, sender.HUB_ERROR))

    def test_unreachable_hub_is_an_error_not_an_exception(self):
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        result = sender.post("http://127.0.0.1:%d/api/webhook/odoo" % port, SECRET, "msg_abc",
                             BODY, timeout=2)
        self.assertFalse(result.ok)
        self.assertIsNone(result.status_code)
        self.assertEqual(result.outcome, sender.NO_ANSWER)
        self.assertIn("ConnectionError", result.detail, "the detail keeps what happened")
        self.assertNotIn(SECRET, result.detail)

    def test_every_status_has_an_outcome_an_administrator_can_act_on(self):
        cases = {200: sender.ACCEPTED, 204: sender.ACCEPTED, 301: sender.REDIRECTED,
                 400: sender.REFUSED_BODY, 401: sender.REFUSED_SIGNATURE, 404: sender.NOT_FOUND,
                 413: sender.TOO_LARGE, 422: sender.REFUSED_BODY, 429: sender.REFUSED,
                 500: sender.HUB_ERROR, 503: sender.HUB_ERROR}
        for status, outcome in cases.items():
            self.assertEqual(sender.outcome_of_status(status), outcome, status)

    def test_the_hubs_problem_details_become_one_short_line(self):
        problem = ('{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1",'
                   '"title":"The body is not an Odoo event.","status":400,'
                   '"errors":{"data.id":["Required: the record\'s Odoo id."]},"success":false}')
        self.assertEqual(sender.hub_detail(problem),
                         "The body is not an Odoo event. — data.id: Required: the record's Odoo id.")
        self.assertEqual(sender.hub_detail("<html>Bad Gateway</html>"), "<html>Bad Gateway</html>")
        self.assertLessEqual(len(sender.hub_detail("x" * 5000)), sender.MAX_DETAIL_TEXT)

    def test_a_slow_hub_is_a_timeout(self):
        hub = self.hub()
        hub.on_request = lambda request: time.sleep(1.5)
        result = sender.post(hub.url, SECRET, "msg_abc", BODY, timeout=0.5)
        self.assertEqual((result.ok, result.outcome), (False, sender.TIMEOUT))

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
