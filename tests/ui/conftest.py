"""Window fixtures: a main window on the small fixture dataset, settings in a temp file."""

import pytest
from PySide6.QtCore import QSettings

from tests.helpers import WINDOW_FIXTURE


@pytest.fixture
def make_window(qtbot, tmp_path):
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    make_app()

    def make(path=WINDOW_FIXTURE, size=(1300, 850), settings_file="settings.ini"):
        w = MainWindow(QSettings(str(tmp_path / settings_file), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        if path is not None:
            assert w.open_dataset(path), w.problems
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        return w

    return make


@pytest.fixture
def win(make_window):
    return make_window()
