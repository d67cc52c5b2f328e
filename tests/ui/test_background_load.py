"""Big datasets load in a worker process with progress and Cancel; the window keeps the last data."""

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.helpers import MINIMAL_HEAD


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch, bundled):
    from explorer.ui import background_load
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

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
    assert win.open_dataset(mini)  # second time: from the load cache, without a worker


def test_cached_big_dataset_opens_without_a_worker(win, mini, monkeypatch):
    from explorer.ui import background_load

    assert win.open_dataset(mini)  # parsed by the worker, which fills the cache
    monkeypatch.setattr(background_load, "worker_command", lambda *a: (_ for _ in ()).throw(AssertionError("worker started")))
    assert win.open_dataset(mini)
    assert [e.id for e in win.dataset.events] == ["e1", "e2", "e3"]
    assert type(win.dataset.events[0]._details) is int  # details stay in the cache entry


def test_worker_reports_problems(win, make_dataset):
    good = win.dataset
    bad = make_dataset({"dataset.toml": MINIMAL_HEAD + "[[event]\n"})
    assert not win.open_dataset(bad)
    assert win.dataset is good
    assert win.problems_dock.list.topLevelItem(0).text(1).startswith("dataset.toml:")


def test_cancel_keeps_the_current_data(win, mini, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")  # a cache hit would not need the worker
    good = win.dataset

    def press_cancel():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog):
                w.canceled.emit()  # what the Cancel button does

    QTimer.singleShot(30, press_cancel)
    assert not win.open_dataset(mini)
    assert win.dataset is good
    assert "cancelled" in win.statusBar().currentMessage()
