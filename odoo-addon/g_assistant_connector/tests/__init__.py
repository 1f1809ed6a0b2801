from . import test_outbox
from . import test_delivery
from . import test_transactions
from . import test_settings
from . import test_secret_access
from . import test_pages
from . import test_translations
