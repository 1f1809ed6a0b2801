import os

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

MODULE = "g_assistant_connector"
AR_PO = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n", "ar.po")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """Every word of the module an administrator reads exists in Arabic: checked against the
    terms Odoo itself exports for this series (views, fields, selections, menus, messages)."""

    def test_every_term_odoo_exports_has_an_arabic_translation(self):
        terms = {source for module, _type, _name, _res_id, source, _value, _comments
                 in TranslationModuleReader(self.env.cr, modules=[MODULE]) if module == MODULE}
        self.assertGreater(len(terms), 50, "the module's terms were found")
        translated = {entry.msgid for entry in polib.pofile(AR_PO)
                      if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags}
        self.assertEqual(sorted(terms - translated), [])

    def test_an_arabic_administrator_reads_arabic(self):
        self.env["res.lang"]._activate_lang("ar_001")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["ar_001"], overwrite=True)
        arabic = self.env(context={"lang": "ar_001"})
        Delivery = arabic["g_assistant.webhook.delivery"]
        events = dict(Delivery.fields_get(["event"])["event"]["selection"])
        self.assertEqual(events["lead_updated"], "تعديل عميل محتمل")
        self.assertTrue(Delivery._describe("no_answer", 0, None, 10).startswith("لا رد من المركز"))
        settings = arabic["res.config.settings"].fields_get(["g_assistant_hub_url"])
        self.assertEqual(settings["g_assistant_hub_url"]["string"], "عنوان المركز")
        menu = arabic.ref("g_assistant_connector.menu_g_assistant_webhook_delivery")
        self.assertEqual(menu.name, "تسليمات الويب هوك")
