# Lets the test modules import their helper (addon_lib) whether unittest runs them from this
# directory (`-s tests`) or as the package `tests` (`-s tests -t .`, as test.sh does).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
