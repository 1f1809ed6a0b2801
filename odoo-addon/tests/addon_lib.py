"""Loads g_assistant_connector/lib by path, without the addon package (which imports odoo)."""
import importlib
import importlib.util
import pathlib
import sys

ADDON_DIR = pathlib.Path(__file__).resolve().parent.parent / "g_assistant_connector"
REPO_ROOT = ADDON_DIR.parent.parent
VECTORS = REPO_ROOT / "tests" / "vectors" / "standard-webhooks.json"
_PACKAGE = "g_assistant_connector_lib"


def load(name):
    if _PACKAGE not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            _PACKAGE, ADDON_DIR / "lib" / "__init__.py",
            submodule_search_locations=[str(ADDON_DIR / "lib")])
        package = importlib.util.module_from_spec(spec)
        sys.modules[_PACKAGE] = package
        spec.loader.exec_module(package)
    return importlib.import_module("%s.%s" % (_PACKAGE, name))


def load_hub_double():
    """The test hub of the addon's Odoo tests (it does not import odoo either)."""
    spec = importlib.util.spec_from_file_location(
        "g_assistant_connector_hub_double", ADDON_DIR / "tests" / "hub_double.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HubDouble
