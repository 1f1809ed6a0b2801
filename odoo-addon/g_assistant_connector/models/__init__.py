from . import webhook_delivery
from . import res_config_settings
from . import crm_lead
from . import sale_order
from . import sale_order_line
