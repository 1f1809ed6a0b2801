from odoo import api, models

from ..lib import payload as payload_lib

# Line changes that move the order's amounts (Odoo 19 renamed tax_id and product_uom to
# tax_ids and product_uom_id).
SIGNIFICANT_LINE_FIELDS = frozenset({
    "product_id", "product_uom_qty", "product_uom", "product_uom_id", "price_unit", "discount",
    "tax_id", "tax_ids", "display_type", "order_id",
})


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.order_id._g_assistant_notify(payload_lib.SALE_ORDER_UPDATED)
        return lines

    def write(self, vals):
        orders = self.order_id
        result = super().write(vals)
        if SIGNIFICANT_LINE_FIELDS.intersection(vals):
            (orders | self.order_id)._g_assistant_notify(payload_lib.SALE_ORDER_UPDATED)
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists()._g_assistant_notify(payload_lib.SALE_ORDER_UPDATED)
        return result
