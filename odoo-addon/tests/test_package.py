"""package.sh SERIES OUTDIR writes an installable module for every Odoo series.

A data file that git did not track (data/ir_cron.xml, hidden by an ignore rule) once made the
module uninstallable from a clean clone while every test stayed green: these tests read each
series' packaged manifest and fail when a file it lists is not tracked by git.
"""
import ast
import pathlib
import re
import subprocess
import tempfile
import unittest

from addon_lib import ADDON_DIR

SERIES = ("17.0", "18.0", "19.0")
PACKAGE_SH = ADDON_DIR.parent / "package.sh"
MODULE = ADDON_DIR.name


def package(series, out):
    subprocess.run(["bash", str(PACKAGE_SH), series, str(out)], check=True,
                   capture_output=True, text=True)
    return pathlib.Path(out) / MODULE


def read_manifest(module):
    return ast.literal_eval((module / "__manifest__.py").read_text("utf-8"))


def listed_files(module):
    """The files the manifest's data, demo and assets entries name, relative to the module."""
    manifest = read_manifest(module)
    names = list(manifest.get("data", [])) + list(manifest.get("demo", []))
    for entries in manifest.get("assets", {}).values():
        for entry in entries:
            # "module/path/glob" or a directive tuple such as ("include"|"remove", …, path)
            path = entry if isinstance(entry, str) else entry[-1]
            if path.startswith(MODULE + "/"):
                names.append(path[len(MODULE) + 1:])
    files = []
    for name in names:
        if any(c in name for c in "*?["):
            files += sorted(str(p.relative_to(module)) for p in module.glob(name) if p.is_file())
        else:
            files.append(name)
    return files


def tracked_files():
    """Paths git tracks under the module's source folder, relative to it."""
    out = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=ADDON_DIR, check=True,
                         capture_output=True).stdout.decode("utf-8")
    return {name for name in out.split("\0") if name}


def problems(module, tracked):
    found = []
    for name in listed_files(module):
        if not (module / name).is_file():
            found.append("%s: listed in the manifest but not in the module" % name)
        elif name not in tracked:
            found.append("%s: listed in the manifest but not tracked by git" % name)
    return found


class PackageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.modules = {s: package(s, pathlib.Path(cls.tmp.name) / s) for s in SERIES}
        cls.tracked = tracked_files()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_file_a_manifest_lists_is_tracked_by_git(self):
        for series, module in self.modules.items():
            with self.subTest(series=series):
                self.assertGreater(len(listed_files(module)), 3, "the manifest lists its data")
                self.assertEqual(problems(module, self.tracked), [])

    def test_a_listed_file_that_git_does_not_track_is_reported(self):
        module = self.modules["17.0"]
        untracked = self.tracked - {"data/ir_cron.xml"}
        self.assertEqual(problems(module, untracked),
                         ["data/ir_cron.xml: listed in the manifest but not tracked by git"])

    def test_every_packaged_file_is_tracked_by_git(self):
        for series, module in self.modules.items():
            with self.subTest(series=series):
                packaged = {str(p.relative_to(module)) for p in module.rglob("*") if p.is_file()}
                self.assertEqual(sorted(packaged - self.tracked), [])

    def test_each_series_gets_its_own_manifest_version(self):
        for series, module in self.modules.items():
            with self.subTest(series=series):
                version = read_manifest(module)["version"]
                self.assertRegex(version, r"^%s\.\d+\.\d+\.\d+$" % re.escape(series))

    def test_list_views_are_tree_on_17_and_list_from_18_on(self):
        for series, module in self.modules.items():
            with self.subTest(series=series):
                views = "".join(p.read_text("utf-8") for p in (module / "views").glob("*.xml"))
                old, new = ("list", "tree") if series == "17.0" else ("tree", "list")
                self.assertNotRegex(views, r"<%s[ >]" % old)
                self.assertRegex(views, r"<%s[ >]" % new)
                self.assertIn('<field name="view_mode">%s,kanban,form</field>' % new, views)

    def test_kanban_cards_are_kanban_box_on_17_and_card_from_18_on(self):
        for series, module in self.modules.items():
            with self.subTest(series=series):
                views = "".join(p.read_text("utf-8") for p in (module / "views").glob("*.xml"))
                if series == "17.0":
                    self.assertIn('<t t-name="kanban-box"><div class="oe_kanban_global_click">',
                                  views)
                    self.assertNotIn('t-name="card"', views)
                    self.assertEqual(views.count("<t t-name"), views.count("</div></t>"))
                else:
                    self.assertIn('<t t-name="card">', views)
                    self.assertNotIn("kanban-box", views)

    def test_an_unknown_series_is_refused(self):
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(["bash", str(PACKAGE_SH), "16.0", out], capture_output=True,
                                 text=True)
            self.assertEqual(run.returncode, 2)
            self.assertIn("usage", run.stderr)
            self.assertFalse((pathlib.Path(out) / MODULE).exists())


if __name__ == "__main__":
    unittest.main()
