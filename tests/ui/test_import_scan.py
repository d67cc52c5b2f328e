"""PySide's per-module source scan is spared for the modules the window imports (start-up)."""

import sys

from explorer.ui.shell.import_scan import skip_feature_scan


def test_modules_are_entered_and_the_app_still_works(qapp):
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):  # another PySide: nothing to spare, nothing done
        assert skip_feature_scan() == 0
        return
    skip_feature_scan()
    for name in ("explorer.ui.shell.main_window", "explorer.core.stacking", "pyqtgraph.graphicsItems.ViewBox.ViewBox"):
        assert name in table
    assert skip_feature_scan() == 0  # entered once
    from PySide6.QtWidgets import QLabel

    label = QLabel("x")  # PySide objects behave as before in those modules (no snake_case switched on)
    label.setText("y")
    assert label.text() == "y" and not hasattr(label, "set_text")
