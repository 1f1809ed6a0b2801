from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import dispatcher
from .common import ConnectorCase


class Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestLeadOutbox(ConnectorCase):

    def create_lead(self, **values):
        lead = self.env["crm.lead"].create(dict({"name": "استفسار عن الخدمات"}, **values))
        return lead

    def test_created_lead_is_enqueued_with_its_values(self):
        source = self.env["utm.source"].create({"name": "Meta"})
        lead = self.create_lead(partner_name="أحمد علي", email_from="ahmed@example.com",
                                expected_revenue=50000, source_id=source.id, type="opportunity")
        [delivery] = self.deliveries(lead)
        self.assertEqual((delivery.event, delivery.state), ("lead_created", "pending"))
        self.assertTrue(delivery.webhook_id.startswith("msg_"))
        body = self.body(delivery)
        self.assertEqual(body["event"], "lead_created")
        self.assertRegex(body["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
        data = body["data"]
        self.assertEqual(data["id"], lead.id)
        self.assertEqual(data["name"], "استفسار عن الخدمات")
        self.assertEqual(data["partner_name"], "أحمد علي")
        self.assertEqual((data["source_id"], data["source_name"]), (source.id, "Meta"))
        self.assertEqual(data["expected_revenue"], 50000)
        self.assertEqual(data["stage_id"], lead.stage_id.id)
        self.assertEqual(data["stage_name"], lead.stage_id.name)
        self.assertEqual(data["currency"], lead.company_currency.name)
        self.assertIs(data["active"], True)
        self.assertIsNone(data["phone"])
        self.assertIn("استفسار", delivery.payload, "Arabic is stored as text, not \\u escapes")

    def test_batch_create_enqueues_one_event_per_lead(self):
        leads = self.env["crm.lead"].create([{"name": "Lead %d" % i} for i in range(5)])
        deliveries = self.deliveries(leads)
        self.assertEqual(len(deliveries), 5)
        self.assertEqual(set(deliveries.mapped("res_id")), set(leads.ids))
        self.assertEqual(len(set(deliveries.mapped("webhook_id"))), 5)

    def test_stage_change_enqueues_lead_updated(self):
        lead = self.create_lead(type="opportunity")
        self.new_transaction()
        won = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.write({"stage_id": won.id})
        update = self.deliveries(lead)[-1]
        self.assertEqual(update.event, "lead_updated")
        data = self.body(update)["data"]
        self.assertEqual((data["stage_id"], data["stage_is_won"], data["won_status"]),
                         (won.id, True, "won"))
        self.assertEqual(data["probability"], 100)

    def test_insignificant_changes_enqueue_nothing(self):
        lead = self.create_lead()
        self.new_transaction()
        lead.write({"color": 3, "description": "<p>call back</p>", "priority": "2"})
        self.assertEqual(self.deliveries(lead).mapped("event"), ["lead_created"])

    def test_several_writes_in_one_transaction_send_the_final_state_once(self):
        lead = self.create_lead()
        self.new_transaction()
        lead.write({"expected_revenue": 10})
        lead.write({"expected_revenue": 20})
        lead.write({"phone": "+966500000000"})
        updates = self.deliveries(lead).filtered(lambda d: d.event == "lead_updated")
        self.assertEqual(len(updates), 1)
        data = self.body(updates)["data"]
        self.assertEqual((data["expected_revenue"], data["phone"]), (20, "+966500000000"))

    def test_lead_created_and_changed_in_one_transaction_stays_lead_created(self):
        lead = self.create_lead()
        lead.write({"expected_revenue": 99})
        [delivery] = self.deliveries(lead)
        self.assertEqual(delivery.event, "lead_created")
        self.assertEqual(self.body(delivery)["data"]["expected_revenue"], 99)

    def test_archiving_sends_lead_updated_with_active_false(self):
        lead = self.create_lead()
        self.new_transaction()
        lead.action_archive()
        update = self.deliveries(lead)[-1]
        self.assertEqual(update.event, "lead_updated")
        self.assertIs(self.body(update)["data"]["active"], False)

    def test_marking_lost_sends_the_lost_reason(self):
        lead = self.create_lead(type="opportunity")
        self.new_transaction()
        reason = self.env["crm.lost.reason"].create({"name": "السعر مرتفع"})
        lead.action_set_lost(lost_reason_id=reason.id)
        data = self.body(self.deliveries(lead)[-1])["data"]
        self.assertEqual((data["active"], data["lost_reason"], data["won_status"]),
                         (False, "السعر مرتفع", "lost"))

    def test_unlink_sends_lead_deleted_with_id_and_name(self):
        lead = self.create_lead()
        lead_id = lead.id
        self.new_transaction()
        lead.unlink()
        deleted = self.Delivery.search([("res_model", "=", "crm.lead"), ("res_id", "=", lead_id),
                                        ("event", "=", "lead_deleted")])
        self.assertEqual(len(deleted), 1)
        self.assertEqual(self.body(deleted)["data"], {"id": lead_id, "name": "استفسار عن الخدمات"})

    def test_a_webhook_id_is_used_by_one_event_only(self):
        [delivery] = self.deliveries(self.create_lead())
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Delivery.create({"event": "lead_updated", "res_model": "crm.lead",
                                      "res_id": delivery.res_id, "payload": "{}",
                                      "webhook_id": delivery.webhook_id})
                self.env.flush_all()

    def test_rolled_back_change_leaves_nothing_to_send(self):
        before = self.Delivery.search_count([])
        with self.assertRaises(Rollback):
            with self.env.cr.savepoint():
                self.create_lead(name="never saved")
                raise Rollback()
        self.assertEqual(self.Delivery.search_count([]), before)
        self.assertEqual(self.Delivery._deliver().tried, 0)
        self.assertEqual(self.hub.received, [])

    def test_a_salesman_without_access_to_the_outbox_still_enqueues(self):
        salesman = self.make_user("g_assistant_salesman", "sales_team.group_sale_salesman")
        lead = self.env["crm.lead"].with_user(salesman).create({"name": "من مندوب المبيعات"})
        self.new_transaction()
        lead.write({"expected_revenue": 42})
        self.assertEqual(self.deliveries(lead).mapped("event"), ["lead_created", "lead_updated"])
        self.assertFalse(self.can_read(self.Delivery.with_user(salesman)))

    def test_disabled_connector_enqueues_nothing(self):
        self.configure(enabled=False)
        lead = self.create_lead()
        lead.write({"expected_revenue": 5})
        self.assertFalse(self.deliveries(lead))

    def test_leads_can_be_left_out(self):
        self.configure(send_leads=False)
        self.assertFalse(self.deliveries(self.create_lead()))

    def test_a_commit_that_wrote_events_wakes_the_sender_once(self):
        self.env["crm.lead"].create([{"name": "a"}, {"name": "b"}])
        self.env["crm.lead"].create({"name": "c"})
        wakes = [f for f in self.env.cr.postcommit._funcs
                 if getattr(f, "func", None) is dispatcher.wake]
        self.assertEqual([f.args for f in wakes], [(self.env.cr.dbname,)])

    def test_an_import_writes_its_events_in_one_statement(self):
        with self.count_inserts() as inserts:
            leads = self.env["crm.lead"].create([{"name": "Import %d" % i} for i in range(50)])
        self.assertEqual(len(inserts), 1)
        deliveries = self.deliveries(leads)
        self.assertEqual(len(deliveries), 50)
        self.assertEqual(sorted(deliveries.mapped("record_name")),
                         sorted("Import %d" % i for i in range(50)))

    def test_a_mass_edit_writes_its_events_in_one_statement(self):
        leads = self.env["crm.lead"].create([{"name": "Edit %d" % i} for i in range(30)])
        self.new_transaction()
        with self.count_inserts() as inserts:
            leads.write({"expected_revenue": 7})
        self.assertEqual(len(inserts), 1)
        self.assertEqual(len(self.deliveries(leads).filtered(
            lambda d: d.event == "lead_updated")), 30)

    def test_names_are_sent_in_english_with_their_ids_whatever_the_users_language(self):
        self.env["res.lang"]._activate_lang("ar_001")
        stage = self.env["crm.stage"].create({"name": "Won", "is_won": True})
        stage.with_context(lang="ar_001").name = "تم الفوز بها"
        team = self.env["crm.team"].create({"name": "Sales"})
        team.with_context(lang="ar_001").name = "المبيعات"
        source = self.env["utm.source"].create({"name": "Lead Ads (G-Assistant test)"})
        lead = self.create_lead(type="opportunity", team_id=team.id, source_id=source.id)
        self.new_transaction()
        arabic = self.make_user("g_assistant_arabic", "sales_team.group_sale_manager")
        arabic.lang = "ar_001"
        lead.with_user(arabic).write({"stage_id": stage.id})
        data = self.body(self.deliveries(lead)[-1])["data"]
        self.assertEqual((data["stage_id"], data["stage_name"]), (stage.id, "Won"))
        self.assertEqual((data["team_id"], data["team_name"]), (team.id, "Sales"))
        self.assertEqual((data["source_id"], data["source_name"]),
                         (source.id, "Lead Ads (G-Assistant test)"))

    def test_the_list_names_the_event_and_the_record(self):
        [delivery] = self.deliveries(self.create_lead(name="عرض أسعار للمتجر"))
        labels = dict(self.Delivery._fields["event"]._description_selection(self.env))
        self.assertEqual(labels[delivery.event], "Lead created")
        self.assertEqual(delivery.record_name, "عرض أسعار للمتجر")
        self.assertEqual(delivery.display_name, "عرض أسعار للمتجر")
        self.assertEqual(delivery.record_ref, self.env["crm.lead"].browse(delivery.res_id))
        self.assertIn('\n  "data": {', delivery.payload_pretty, "the body is laid out")
        self.assertIn("عرض أسعار للمتجر", delivery.payload_pretty)


@tagged("post_install", "-at_install")
class TestSaleOrderOutbox(ConnectorCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "شركة النور"})
        cls.product = cls.env["product.product"].create({"name": "Consulting", "list_price": 100})
        cls.opportunity = cls.env["crm.lead"].create({"name": "Deal", "type": "opportunity"})

    def create_order(self):
        return self.env["sale.order"].create({
            "partner_id": self.partner.id, "opportunity_id": self.opportunity.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 3,
                                   "price_unit": 100})],
        })

    def test_created_order_is_one_sale_order_created_with_amounts_and_opportunity(self):
        order = self.create_order()
        [delivery] = self.deliveries(order)
        self.assertEqual(delivery.event, "sale_order_created")
        data = self.body(delivery)["data"]
        self.assertEqual(data["opportunity_id"], self.opportunity.id)
        self.assertEqual(data["partner_name"], "شركة النور")
        self.assertEqual(data["amount_untaxed"], 300)
        self.assertEqual(data["amount_total"], order.amount_total)
        self.assertEqual(data["currency"], order.currency_id.name)
        self.assertEqual(data["state"], "draft")

    def test_confirming_sends_sale_order_updated_with_state(self):
        order = self.create_order()
        self.new_transaction()
        order.action_confirm()
        update = self.deliveries(order)[-1]
        self.assertEqual(update.event, "sale_order_updated")
        self.assertEqual(self.body(update)["data"]["state"], "sale")

    def test_changing_a_line_sends_the_new_amounts(self):
        order = self.create_order()
        self.new_transaction()
        order.order_line.write({"product_uom_qty": 5})
        update = self.deliveries(order)[-1]
        self.assertEqual(update.event, "sale_order_updated")
        self.assertEqual(self.body(update)["data"]["amount_untaxed"], 500)

    def test_sale_orders_can_be_left_out(self):
        self.configure(send_sale_orders=False)
        self.assertFalse(self.deliveries(self.create_order()))

    def test_deleting_a_quotation_sends_sale_order_deleted_with_id_and_name(self):
        order = self.create_order()
        order_id, name = order.id, order.name
        self.new_transaction()
        order.unlink()
        [deleted] = self.Delivery.search([("res_model", "=", "sale.order"),
                                          ("res_id", "=", order_id),
                                          ("event", "=", "sale_order_deleted")])
        self.assertEqual(self.body(deleted)["data"], {"id": order_id, "name": name})
        self.assertFalse(deleted.record_ref, "nothing to open: the order is gone")
