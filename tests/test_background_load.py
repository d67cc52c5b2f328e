"""Big datasets load in a worker process with progress and Cancel; the window keeps the last data."""

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from conftest import MINIMAL_HEAD


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch, bundled):
    from explorer.ui import background_load
    from explorer.ui.app import make_app
    from explorer.ui.main_window import MainWindow

    make_app()
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.open_dataset(bundled)  # small: in-process
    monkeypatch.setattr(background_load, "BACKGROUND_LOAD_BYTES", 0)  # from now on everything goes to the worker
    w.show()
    return w


def test_worker_process_loads(win, mini):
    assert win.open_dataset(mini)
    assert [e.id for e in win.dataset.events] == ["e1", "e2", "e3"]
    assert win.dataset.root == str(mini)
    assert any(str(f).endswith("a.toml") for f in win.watcher.watcher.files())  # still watched for live reload
    assert win.open_dataset(mini)  # second time: from the load cache, via the worker


def test_worker_reports_problems(win, make_dataset):
    good = win.dataset
    bad = make_dataset({"dataset.toml": MINIMAL_HEAD + "[[event]\n"})
    assert not win.open_dataset(bad)
    assert win.dataset is good
    assert win.problems_dock.list.topLevelItem(0).text(1).startswith("dataset.toml:")


def test_cancel_keeps_the_current_data(win, mini):
    good = win.dataset

    def press_cancel():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog):
                w.canceled.emit()  # what the Cancel button does

    QTimer.singleShot(30, press_cancel)
    assert not win.open_dataset(mini)
    assert win.dataset is good
    assert "cancelled" in win.statusBar().currentMessage()
