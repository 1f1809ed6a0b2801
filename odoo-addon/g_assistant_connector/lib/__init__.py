# Pure-Python helpers of the connector: no Odoo import here, so they can be
# unit-tested without an Odoo server (see odoo-addon/tests/).
