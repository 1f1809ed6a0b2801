from . import test_outbox
from . import test_delivery
from . import test_settings
from . import test_settings_page
