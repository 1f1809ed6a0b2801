import datetime
import json
import unittest

from addon_lib import load

payload = load("payload")

# A crm.lead as Odoo's read() returns it, plus the values the addon adds
# (stage_is_won, currency, country_code).
LEAD = {
    "id": 123,
    "name": "استفسار عن الخدمات",
    "partner_name": "أحمد علي",
    "contact_name": False,
    "email_from": "ahmed@example.com",
    "phone": False,
    "type": "opportunity",
    "active": True,
    "stage_id": (3, "مؤهل"),
    "stage_is_won": False,
    "expected_revenue": 50000.0,
    "probability": 75.0,
    "currency": "SAR",
    "source_id": (7, "Meta"),
    "medium_id": False,
    "campaign_id": (2, "حملة الشتاء"),
    "user_id": (2, "Mitchell Admin"),
    "team_id": False,
    "country_code": "SA",
    "lang_code": "ar_001",
    "lost_reason_id": False,
    "create_date": datetime.datetime(2024, 1, 8, 10, 0, 0),
    "write_date": datetime.datetime(2024, 1, 8, 10, 30, 0, 123456),
    "date_closed": False,
}


class LeadPayloadTest(unittest.TestCase):
    def test_has_every_field_of_the_contract(self):
        data = payload.lead_data(LEAD)
        self.assertEqual(set(data), {
            "id", "name", "partner_name", "contact_name", "email_from", "phone", "type",
            "active", "stage_id", "stage_name", "stage_is_won", "won_status",
            "expected_revenue", "probability", "currency", "source_id", "source_name",
            "medium_id", "medium_name", "campaign_id", "campaign_name", "user_id", "user_name",
            "team_id", "team_name", "country_code", "lang_code", "lost_reason_id",
            "lost_reason", "create_date", "write_date", "date_closed"})

    def test_each_many2one_is_sent_as_its_id_with_its_name_beside_it(self):
        data = payload.lead_data(LEAD)
        self.assertEqual((data["source_id"], data["source_name"]), (7, "Meta"))
        self.assertEqual((data["campaign_id"], data["campaign_name"]), (2, "حملة الشتاء"))
        self.assertEqual((data["user_id"], data["user_name"]), (2, "Mitchell Admin"))
        self.assertEqual((data["stage_id"], data["stage_name"]), (3, "مؤهل"))
        self.assertEqual((data["medium_id"], data["medium_name"]), (None, None))

    def test_false_becomes_null_but_real_booleans_stay(self):
        data = payload.lead_data(dict(LEAD, active=False, probability=0.0))
        for key in ("contact_name", "phone", "medium_id", "team_id", "team_name", "lost_reason",
                    "lost_reason_id", "date_closed"):
            self.assertIsNone(data[key], key)
        self.assertIs(data["active"], False)
        self.assertIs(data["stage_is_won"], False)
        self.assertEqual(data["probability"], 0.0)

    def test_dates_are_naive_utc_without_microseconds(self):
        data = payload.lead_data(LEAD)
        self.assertEqual(data["create_date"], "2024-01-08T10:00:00")
        self.assertEqual(data["write_date"], "2024-01-08T10:30:00")
        self.assertEqual(payload.timestamp("2024-01-08 10:30:00"), "2024-01-08T10:30:00")
        aware = datetime.datetime(2024, 1, 8, 13, 30, tzinfo=datetime.timezone(
            datetime.timedelta(hours=3)))
        self.assertEqual(payload.timestamp(aware), "2024-01-08T10:30:00")

    def test_won_status_is_computed_when_odoo_has_no_such_field(self):
        self.assertEqual(payload.lead_data(dict(LEAD, stage_is_won=True))["won_status"], "won")
        self.assertEqual(payload.lead_data(dict(LEAD, active=False, probability=0))["won_status"],
                         "lost")
        self.assertEqual(payload.lead_data(LEAD)["won_status"], "pending")
        self.assertEqual(payload.lead_data(dict(LEAD, won_status="lost"))["won_status"], "lost")

    def test_deleted_lead_sends_only_id_and_name(self):
        self.assertEqual(payload.deleted_data(LEAD), {"id": 123, "name": "استفسار عن الخدمات"})


class SaleOrderPayloadTest(unittest.TestCase):
    ORDER = {
        "id": 9, "name": "S00009", "partner_id": (14, "شركة النور"), "state": "sale",
        "amount_untaxed": 1000.0, "amount_tax": 150.0, "amount_total": 1150.0,
        "currency_id": (148, "SAR"), "opportunity_id": (123, "استفسار عن الخدمات"),
        "user_id": (2, "Mitchell Admin"), "team_id": (1, "Sales"),
        "date_order": datetime.datetime(2024, 1, 9, 8, 0, 0),
        "create_date": datetime.datetime(2024, 1, 9, 8, 0, 1),
        "write_date": datetime.datetime(2024, 1, 9, 8, 5, 0),
    }

    def test_fields_of_the_contract(self):
        self.assertEqual(payload.sale_order_data(self.ORDER), {
            "id": 9, "name": "S00009", "partner_id": 14, "partner_name": "شركة النور",
            "state": "sale", "amount_untaxed": 1000.0, "amount_tax": 150.0,
            "amount_total": 1150.0, "currency": "SAR", "opportunity_id": 123,
            "user_id": 2, "user_name": "Mitchell Admin", "team_id": 1, "team_name": "Sales",
            "date_order": "2024-01-09T08:00:00",
            "create_date": "2024-01-09T08:00:01", "write_date": "2024-01-09T08:05:00"})

    def test_order_without_opportunity_sends_null(self):
        self.assertIsNone(payload.sale_order_data(dict(self.ORDER, opportunity_id=False))
                          ["opportunity_id"])


class MessageTest(unittest.TestCase):
    def test_body_is_utf8_json_with_arabic_intact(self):
        message = payload.event(payload.LEAD_UPDATED, payload.lead_data(LEAD),
                                datetime.datetime(2024, 1, 8, 10, 30, 0))
        body = payload.dumps(message)
        self.assertIn("استفسار عن الخدمات", body)
        self.assertNotIn("\\u", body)
        self.assertEqual(json.loads(body.encode("utf-8")), message)
        self.assertEqual(message["event"], "lead_updated")
        self.assertEqual(message["timestamp"], "2024-01-08T10:30:00")
        self.assertIsNone(json.loads(body)["data"]["phone"])

    def test_a_deleted_sale_order_is_an_event(self):
        message = payload.event(payload.SALE_ORDER_DELETED, payload.deleted_data(
            {"id": 9, "name": "S00009"}), datetime.datetime(2024, 1, 9, 8, 0, 0))
        self.assertEqual(message["event"], "sale_order_deleted")
        self.assertEqual(message["data"], {"id": 9, "name": "S00009"})

    def test_the_pretty_body_is_indented_with_arabic_as_it_is(self):
        body = payload.dumps(payload.event(payload.LEAD_UPDATED, payload.lead_data(LEAD),
                                           datetime.datetime(2024, 1, 8, 10, 30, 0)))
        pretty = payload.pretty(body)
        self.assertIn('\n  "data": {\n    "id": 123,', pretty)
        self.assertIn("استفسار عن الخدمات", pretty)
        self.assertEqual(json.loads(pretty), json.loads(body))
        self.assertEqual(payload.pretty("not json"), "not json")

    def test_unknown_event_name_is_refused(self):
        with self.assertRaises(ValueError):
            payload.event("lead_exploded", {}, datetime.datetime(2024, 1, 1))


if __name__ == "__main__":
    unittest.main()
