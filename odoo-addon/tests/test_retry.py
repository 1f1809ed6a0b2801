import datetime
import unittest

from addon_lib import load

retry = load("retry")
sender = load("sender")


class RetryScheduleTest(unittest.TestCase):
    def test_delay_doubles_from_one_minute(self):
        self.assertEqual([retry.backoff_seconds(n) for n in range(1, 7)],
                         [60, 120, 240, 480, 960, 1920])

    def test_delay_is_capped_at_one_hour(self):
        self.assertEqual(retry.backoff_seconds(7), 3600)
        self.assertEqual(retry.backoff_seconds(10_000), 3600)

    def test_next_attempt_is_now_plus_delay(self):
        now = datetime.datetime(2026, 11, 24, 12, 0, 0)
        self.assertEqual(retry.next_attempt(3, 10, now), now + datetime.timedelta(minutes=4))

    def test_gives_up_after_max_attempts(self):
        now = datetime.datetime(2026, 11, 24, 12, 0, 0)
        self.assertIsNotNone(retry.next_attempt(9, 10, now))
        self.assertIsNone(retry.next_attempt(10, 10, now))
        self.assertIsNone(retry.next_attempt(1, 1, now))

    def test_no_answer_timeouts_tls_and_server_errors_mean_the_hub_is_unhealthy(self):
        for outcome in (sender.NO_ANSWER, sender.TIMEOUT, sender.TLS_ERROR, sender.HUB_ERROR):
            self.assertTrue(retry.hub_is_unhealthy(outcome), outcome)
        for outcome in (sender.ACCEPTED, sender.REFUSED_BODY, sender.REFUSED_SIGNATURE,
                        sender.TOO_LARGE, sender.NOT_FOUND, sender.REFUSED):
            self.assertFalse(retry.hub_is_unhealthy(outcome), outcome)


if __name__ == "__main__":
    unittest.main()
