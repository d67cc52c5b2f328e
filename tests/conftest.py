"""Test setup: offscreen Qt, and HOME/XDG/QSettings redirected to a temp folder."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
_home = tempfile.mkdtemp(prefix="explorer-test-home-")
for var, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                 ("XDG_STATE_HOME", ".local/state"), ("XDG_DATA_HOME", ".local/share")):
    os.environ[var] = str(Path(_home) / sub)

import pytest  # noqa: E402

from tests.helpers import BUNDLED, MINIMAL_HEAD, POSITIONS, WINDOW_FIXTURE, event  # noqa: E402


@pytest.fixture
def bundled() -> Path:
    return BUNDLED


@pytest.fixture
def make_dataset(tmp_path):
    """Write a dataset folder from {relative path: text}; returns its path."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "ds"
        root.mkdir(exist_ok=True)
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                p.write_bytes(text)
            else:
                p.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def mini(make_dataset):
    return make_dataset({
        "dataset.toml": MINIMAL_HEAD + POSITIONS,
        "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001") + event("e3", "2010-03"),
    })


# -- windows (tests/ui, tests/map): a main window on the small fixture dataset, settings in a temp file
@pytest.fixture
def make_window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

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
