import json
import unittest

from addon_lib import VECTORS, load

signing = load("signing")


class SharedVectorsTest(unittest.TestCase):
    """tests/vectors/standard-webhooks.json is also read by the hub's C# tests."""

    @classmethod
    def setUpClass(cls):
        with open(VECTORS, encoding="utf-8") as f:
            cls.vectors = json.load(f)["vectors"]

    def test_every_vector_verifies_as_declared(self):
        for v in self.vectors:
            with self.subTest(v["name"]):
                self.assertEqual(
                    signing.verify(v["secret"], v["id"], v["timestamp"], v["payload"],
                                   v["signature"], tolerance=None),
                    v["valid"])

    def test_signer_reproduces_every_valid_single_signature(self):
        for v in self.vectors:
            if v["valid"] and " " not in v["signature"]:
                with self.subTest(v["name"]):
                    self.assertEqual(
                        signing.sign(v["secret"], v["id"], v["timestamp"], v["payload"]),
                        v["signature"])

    def test_reference_vector_of_the_spec_is_included(self):
        reference = [v for v in self.vectors if v["valid"]
                     and v["signature"] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="]
        self.assertEqual(len(reference), 1)
        self.assertEqual(reference[0]["payload"], '{"test": 2432232314}')

    def test_arabic_vector_keeps_arabic_letters_in_the_signed_body(self):
        self.assertTrue(any("استفسار" in v["payload"] and v["valid"] for v in self.vectors))

    def test_there_are_invalid_vectors(self):
        self.assertGreaterEqual(sum(1 for v in self.vectors if not v["valid"]), 2)


class SigningTest(unittest.TestCase):
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    def test_generated_secret_is_usable_and_random(self):
        a, b = signing.generate_secret(), signing.generate_secret()
        self.assertTrue(a.startswith("whsec_"))
        self.assertEqual(len(signing.secret_key(a)), 32)
        self.assertNotEqual(a, b)

    def test_bytes_and_str_bodies_sign_the_same(self):
        body = '{"name":"أحمد"}'
        self.assertEqual(signing.sign(self.secret, "msg_1", 10, body),
                         signing.sign(self.secret, "msg_1", 10, body.encode("utf-8")))

    def test_stale_timestamp_is_refused(self):
        sig = signing.sign(self.secret, "msg_1", 1000, "{}")
        self.assertTrue(signing.verify(self.secret, "msg_1", 1000, "{}", sig, now=1000 + 299))
        self.assertFalse(signing.verify(self.secret, "msg_1", 1000, "{}", sig, now=1000 + 301))
        self.assertFalse(signing.verify(self.secret, "msg_1", 1000, "{}", sig, now=1000 - 301))

    def test_missing_or_malformed_signature_is_refused(self):
        for header in (None, "", "v1,", "v2," + signing.sign(self.secret, "m", 1, "{}")[3:],
                       "garbage"):
            with self.subTest(header=header):
                self.assertFalse(signing.verify(self.secret, "m", 1, "{}", header, tolerance=None))

    def test_secrets_without_prefix_or_base64_are_rejected(self):
        for bad in ("", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_not base64!"):
            with self.subTest(secret=bad):
                self.assertFalse(signing.is_valid_secret(bad))
                with self.assertRaises(signing.InvalidSecret):
                    signing.sign(bad, "m", 1, "{}")

    def test_headers_carry_id_timestamp_signature_and_utf8_json(self):
        h = signing.headers(self.secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                            '{"test": 2432232314}')
        self.assertEqual(h["webhook-id"], "msg_p5jXN8AQM9LWM0D4loKWxJek")
        self.assertEqual(h["webhook-timestamp"], "1614265330")
        self.assertEqual(h["webhook-signature"], "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        self.assertEqual(h["Content-Type"], "application/json; charset=utf-8")


if __name__ == "__main__":
    unittest.main()
