"""What the addon gives Odoo to translate, read without Odoo: the terms in its Python code and
XML data, and the .pot/.po files of its i18n/ folder.

The extraction follows what Odoo's own export (TranslationModuleReader) takes from a module:
_() calls, field labels (given, or made from the field name), helps and selection labels,
model descriptions, constraint messages, the translatable attributes and the text of views,
and the names and helps of actions, menus and scheduled actions. It is checked against Odoo's
real export by the addon's Odoo test test_translations.py.
"""
import ast
import pathlib
import re
import xml.etree.ElementTree as ET

# odoo/tools/translate.py
TRANSLATED_ATTRS = {
    "string", "add-label", "help", "sum", "avg", "confirm", "placeholder", "alt", "title",
    "aria-label", "aria-keyshortcuts", "aria-placeholder", "aria-roledescription",
    "aria-valuetext", "value_label", "data-tooltip", "label", "confirm-label",
    "confirm-title", "cancel-label",
}
RELATIONAL = {"Many2one", "One2many", "Many2many"}
WITH_SELECTION = {"Selection", "Reference"}


def normalize(text):
    return " ".join(text.split())


def worth_translating(text):
    # Odoo skips empty and one-letter terms (TranslationReader._push_translation)
    return len(re.sub(r"\W+", "", text or "")) > 1


# ---- .po files ----

def _unquote(text):
    body = text.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def read_po(path):
    """{msgid: (msgstr, flags)} of the live entries of a .po/.pot file (no header)."""
    entries, flags, current, field = {}, set(), None, None
    lines = pathlib.Path(path).read_text("utf-8").splitlines() + [""]

    def close():
        if current and current.get("msgid"):
            entries[current["msgid"]] = (current.get("msgstr", ""), frozenset(flags))

    for line in lines:
        if not line.strip():
            close()
            current, field, flags = None, None, set()
        elif line.startswith("#,"):
            flags.update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#~"):
            current = None  # obsolete
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid ") or line.startswith("msgstr "):
            current = current if current is not None else {}
            field, _, rest = line.partition(" ")
            current[field] = _unquote(rest)
        elif line.startswith('"') and current is not None and field:
            current[field] += _unquote(line)
    return entries


# ---- Python ----

def _auto_label(name):
    # odoo.fields.Field._setup_attrs: the label made from the field name
    base = name[:-4] if name.endswith("_ids") else name[:-3] if name.endswith("_id") else name
    return base.replace("_", " ").title()


def _literal(node, constants):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _labels(node, constants):
    if isinstance(node, ast.Name):
        node = constants.get(node.id)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item.elts[1].value for item in node.elts
                if isinstance(item, ast.Tuple) and len(item.elts) == 2
                and isinstance(item.elts[1], ast.Constant)]
    return []


def _field_terms(call, target, constants):
    kind = call.func.attr
    kwargs = {kw.arg: kw.value for kw in call.keywords}
    positional = list(call.args)
    terms = []
    if kind in WITH_SELECTION and positional:
        terms += _labels(positional.pop(0), constants)
    elif kind in RELATIONAL and positional:
        positional.pop(0)  # the comodel
    string = _literal(kwargs["string"], constants) if "string" in kwargs else \
        (_literal(positional[0], constants) if positional else None)
    terms.append(string or _auto_label(target))
    if "help" in kwargs and _literal(kwargs["help"], constants):
        terms.append(kwargs["help"].value)
    if "selection" in kwargs:
        terms += _labels(kwargs["selection"], constants)
    return terms


def python_terms(path):
    tree = ast.parse(pathlib.Path(path).read_text("utf-8"))
    constants = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)}
    terms = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else None
            if name in ("_", "_lt") and node.args and _literal(node.args[0], constants):
                terms.append(node.args[0].value)
            if name == "Constraint" and len(node.args) > 1 and _literal(node.args[1], constants):
                terms.append(node.args[1].value)
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                if not isinstance(statement, ast.Assign) or len(statement.targets) != 1 \
                        or not isinstance(statement.targets[0], ast.Name):
                    continue
                target, value = statement.targets[0].id, statement.value
                if target == "_description" and _literal(value, constants):
                    terms.append(value.value)
                elif target == "_sql_constraints" and isinstance(value, ast.List):
                    terms += [t.elts[2].value for t in value.elts
                              if isinstance(t, ast.Tuple) and len(t.elts) == 3]
                elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                        and isinstance(value.func.value, ast.Name) \
                        and value.func.value.id == "fields":
                    terms += _field_terms(value, target, constants)
    return terms


# ---- XML ----

def _element_terms(element):
    terms = [value for key, value in element.attrib.items() if key in TRANSLATED_ATTRS]
    texts = [element.text] + [child.tail for child in element]
    terms += [text for text in texts if text and text.strip()]
    for child in element:
        terms += _element_terms(child)
    return terms


def xml_terms(path):
    terms = []
    root = ET.parse(path).getroot()
    for record in root.iter("record"):
        model = record.get("model")
        for field in record.findall("field"):
            name = field.get("name")
            if model == "ir.ui.view" and name == "arch":
                for child in field:
                    terms += _element_terms(child)
            elif model in ("ir.actions.act_window", "ir.cron") and name == "name":
                terms.append(field.text or "")
            elif model == "ir.actions.act_window" and name == "help":
                for child in field:
                    terms += _element_terms(child)
    terms += [menu.get("name") for menu in root.iter("menuitem") if menu.get("name")]
    return terms


def module_terms(module_dir):
    """(file, term) for every term of the module, tests and lib/ (no Odoo there) aside."""
    module_dir = pathlib.Path(module_dir)
    found = []
    for path in sorted(module_dir.rglob("*.py")):
        parts = path.relative_to(module_dir).parts
        if parts[0] in ("tests", "lib") or path.name == "__manifest__.py":
            continue
        found += [(str(path.relative_to(module_dir)), t) for t in python_terms(path)]
    for path in sorted(module_dir.rglob("*.xml")):
        if path.relative_to(module_dir).parts[0] in ("tests", "static"):
            continue
        found += [(str(path.relative_to(module_dir)), t) for t in xml_terms(path)]
    return [(where, term) for where, term in found if worth_translating(term)]


def missing_from_template(module_dir, template):
    """Terms of the module that the .pot does not have (markup of inline elements, such as a
    <span> inside a paragraph, is part of Odoo's term: a text found inside such a term
    counts)."""
    msgids = {normalize(m) for m in read_po(template)}
    with_markup = [m for m in msgids if "<" in m]
    return sorted({(where, normalize(term)) for where, term in module_terms(module_dir)
                   if normalize(term) not in msgids
                   and not any(normalize(term) in m for m in with_markup)})


PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]|<[^>]+>")


def untranslated(template, translation):
    """msgids of the .pot without a usable translation in the .po: missing, empty, fuzzy, or
    with other placeholders or markup than the English."""
    source, translated = read_po(template), read_po(translation)
    problems = []
    for msgid in sorted(source):
        msgstr, flags = translated.get(msgid, ("", frozenset()))
        if not msgstr.strip() or "fuzzy" in flags:
            problems.append(msgid)
        elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
            problems.append(msgid)
    return problems
