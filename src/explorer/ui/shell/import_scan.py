"""Spare PySide's per-module source scan at start-up.

When PySide6 is imported it wraps `__import__`: after every later import it reads the new
module's source (`inspect.getsource`) to see whether it uses PySide, for its opt-in
`from __feature__ import snake_case` switches (a known start-up cost: napari issue #8584).
Explorer uses no such switch, so the modules the window imports next (pyqtgraph, numpy and
Explorer's own) are entered in PySide's table as "default features" (0) beforehand, by name,
without reading them. Entering a module that does not use PySide as 0 rather than "ignore" (-1)
changes nothing: only attribute lookups on PySide objects consult the table. Where PySide keeps
no such table (another version), nothing is done.
"""

from __future__ import annotations

import importlib.util
import os
import sys

PACKAGES = ("pyqtgraph", "numpy", "explorer")


def skip_feature_scan(packages: tuple[str, ...] = PACKAGES) -> int:
    """Enter the modules of `packages` in PySide's feature table; how many were entered."""
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    entered = 0
    for name in packages:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or not spec.submodule_search_locations:
            continue
        for base in spec.submodule_search_locations:
            parent = os.path.dirname(base)
            for folder, dirs, files in os.walk(base):
                dirs[:] = [d for d in dirs if d not in ("tests", "__pycache__", "examples")]
                package = os.path.relpath(folder, parent).replace(os.sep, ".")
                for f in files:
                    if f.endswith(".py"):
                        module = package if f == "__init__.py" else f"{package}.{f[:-3]}"
                        if module not in table:
                            table[module] = 0
                            entered += 1
    return entered
