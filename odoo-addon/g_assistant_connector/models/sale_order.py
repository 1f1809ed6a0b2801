from odoo import api, models

from ..lib import payload as payload_lib

SIGNIFICANT_FIELDS = frozenset({
    "name", "partner_id", "state", "order_line", "opportunity_id", "currency_id",
    "pricelist_id", "date_order", "company_id", "amount_untaxed", "amount_tax", "amount_total",
})
READ_FIELDS = [
    "name", "partner_id", "state", "amount_untaxed", "amount_tax", "amount_total",
    "currency_id", "opportunity_id", "user_id", "team_id", "date_order", "create_date",
    "write_date",
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._g_assistant_notify(payload_lib.SALE_ORDER_CREATED)
        return orders

    def write(self, vals):
        result = super().write(vals)
        if SIGNIFICANT_FIELDS.intersection(vals):
            self._g_assistant_notify(payload_lib.SALE_ORDER_UPDATED)
        return result

    def unlink(self):
        self._g_assistant_notify(payload_lib.SALE_ORDER_DELETED)
        return super().unlink()

    def _g_assistant_notify(self, event):
        Delivery = self.env["g_assistant.webhook.delivery"]
        if not self or not Delivery._wants("sale_orders"):
            return
        # names (salesperson, team) in one language, as for leads
        orders = self.sudo().with_context(lang="en_US")
        if event == payload_lib.SALE_ORDER_DELETED:
            Delivery._enqueue(event, orders, [payload_lib.deleted_data(values)
                                              for values in orders.read(["name"])])
            return
        datas = []
        for order, values in zip(orders, orders.read(READ_FIELDS)):
            values["currency"] = order.currency_id.name
            datas.append(payload_lib.sale_order_data(values))
        Delivery._enqueue(event, orders, datas)
