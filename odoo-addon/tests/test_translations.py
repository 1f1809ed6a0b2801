"""The addon speaks Arabic: i18n/ has the template (.pot) of every term the module shows and
an Arabic translation (ar.po) of each. Odoo picks ar.po for its Arabic (ar_001)."""
import pathlib
import tempfile
import textwrap
import unittest

from addon_lib import ADDON_DIR
from translations import missing_from_template, module_terms, read_po, untranslated

I18N = ADDON_DIR / "i18n"
TEMPLATE = I18N / (ADDON_DIR.name + ".pot")
ARABIC = I18N / "ar.po"


class TranslationFilesTest(unittest.TestCase):

    def test_every_term_of_the_module_is_in_the_template(self):
        self.assertGreater(len(module_terms(ADDON_DIR)), 100, "the module's terms were found")
        self.assertEqual(missing_from_template(ADDON_DIR, TEMPLATE), [],
                         "regenerate the .pot: odoo-bin i18n export (see readme/DEVELOP.md)")

    def test_every_term_of_the_template_is_translated_into_arabic(self):
        self.assertEqual(untranslated(TEMPLATE, ARABIC), [])

    def test_the_arabic_file_translates_the_template_and_nothing_else(self):
        self.assertEqual(sorted(set(read_po(ARABIC)) - set(read_po(TEMPLATE))), [])


class TranslationCheckTest(unittest.TestCase):
    """The checks above fail when a string is added and not translated."""

    def module(self, python, xml=""):
        folder = pathlib.Path(self.enterContext(tempfile.TemporaryDirectory()))
        (folder / "models").mkdir()
        (folder / "models" / "thing.py").write_text(textwrap.dedent(python), "utf-8")
        if xml:
            (folder / "views").mkdir()
            (folder / "views" / "thing.xml").write_text(textwrap.dedent(xml), "utf-8")
        return folder

    def po(self, folder, name, entries):
        path = folder / name
        path.write_text("".join('msgid "%s"\nmsgstr "%s"\n\n' % pair for pair in entries), "utf-8")
        return path

    def test_a_new_message_missing_from_the_template_is_reported(self):
        folder = self.module('''
            from odoo import _, fields, models
            class Thing(models.Model):
                _name = "x.thing"
                _description = "Thing"
                colour = fields.Char()
                def act(self):
                    return _("Brand new words")
        ''', '''
            <odoo><record id="v" model="ir.ui.view"><field name="arch" type="xml">
                <form><p>Fresh paragraph</p><button string="Press"/></form>
            </field></record></odoo>
        ''')
        template = self.po(folder, "x.pot", [("Thing", ""), ("Colour", ""), ("Press", "")])
        self.assertEqual(missing_from_template(folder, template), [
            ("models/thing.py", "Brand new words"), ("views/thing.xml", "Fresh paragraph")])

    def test_an_untranslated_or_broken_translation_is_reported(self):
        folder = pathlib.Path(self.enterContext(tempfile.TemporaryDirectory()))
        template = self.po(folder, "x.pot", [("Hub URL", ""), ("HTTP %s", ""), ("Sent", "")])
        arabic = self.po(folder, "ar.po", [("Hub URL", "عنوان المركز"), ("HTTP %s", "HTTP"),
                                           ("Sent", "")])
        self.assertEqual(untranslated(template, arabic), ["HTTP %s", "Sent"])


if __name__ == "__main__":
    unittest.main()
