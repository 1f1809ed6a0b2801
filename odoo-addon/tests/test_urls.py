import unittest

from addon_lib import load

urls = load("urls")


class HubUrlTest(unittest.TestCase):
    def test_https_is_accepted_and_base_url_gets_the_webhook_path(self):
        self.assertEqual(urls.webhook_endpoint("https://hub.example.com"),
                         "https://hub.example.com/api/webhook/odoo")
        self.assertEqual(urls.webhook_endpoint(" https://hub.example.com/ "),
                         "https://hub.example.com/api/webhook/odoo")

    def test_an_explicit_path_is_kept(self):
        self.assertEqual(urls.webhook_endpoint("https://h.example.com:8443/x/api/webhook/odoo"),
                         "https://h.example.com:8443/x/api/webhook/odoo")

    def test_plain_http_is_allowed_only_on_the_local_machine(self):
        for url in ("http://localhost:5080", "http://127.0.0.1:5080/api/webhook/odoo",
                    "http://[::1]:5080", "http://LOCALHOST"):
            with self.subTest(url=url):
                self.assertTrue(urls.is_valid_hub_url(url))
        for url in ("http://hub.example.com", "http://10.0.0.5:5080", "http://127.0.0.2",
                    "http://localhost.example.com"):
            with self.subTest(url=url):
                self.assertFalse(urls.is_valid_hub_url(url))

    def test_other_schemes_credentials_and_garbage_are_refused(self):
        for url in ("", None, "ftp://hub.example.com", "hub.example.com", "https://",
                    "https://user:pw@hub.example.com", "https://hub.example.com:99999",
                    "javascript:alert(1)"):
            with self.subTest(url=url):
                with self.assertRaises(urls.InvalidHubUrl):
                    urls.webhook_endpoint(url)


if __name__ == "__main__":
    unittest.main()
