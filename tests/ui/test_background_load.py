"""Big datasets open on a thread that waits on an isolated child process: the window stays usable,
progress shows in the status bar (no modal dialog), Cancel keeps the current data, and a reload
that comes during a load is queued, not lost or re-entered."""

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.helpers import MINIMAL_HEAD, WINDOW_FIXTURE


@pytest.fixture
def win(make_window, monkeypatch):
    from explorer.core import loading

    w = make_window()  # small: in-process, at once
    monkeypatch.setattr(loading, "CHILD_FROM_BYTES", 0)  # from now on every open goes to the child
    import explorer.ui.shell.loading as ui_loading

    monkeypatch.setattr(ui_loading, "CHILD_FROM_BYTES", 0)
    return w


def open_and_wait(win, qtbot, path, keep_view=False):
    with qtbot.waitSignal(win.loader.finished, timeout=60_000) as blocker:
        win.loader.open(path, keep_view)
    return blocker.args[1]


def test_child_process_loads_and_the_window_gets_it_by_signal(win, mini, qtbot):
    result = open_and_wait(win, qtbot, mini)
    assert result.dataset is not None and [e.id for e in win.dataset.events] == ["e1", "e2", "e3"]
    assert win.session.path == mini
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert any(str(f).endswith("a.toml") for f in win.watcher.watcher.files())  # still watched for live reload
    again = open_and_wait(win, qtbot, mini)  # second time: from the load cache
    assert all(e.details_held == "stored" for e in again.dataset.events)


def test_child_reports_problems_and_the_data_stays(win, make_dataset, qtbot):
    good = win.dataset
    bad = make_dataset({"dataset.toml": MINIMAL_HEAD + "[[event]\n"})
    result = open_and_wait(win, qtbot, bad)
    assert result.dataset is None and win.dataset is good
    assert win.problems_dock.list.topLevelItem(0).text(1).startswith("dataset.toml:")


def test_cancel_keeps_the_current_data(win, mini, qtbot, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")  # a cache hit would not need the child
    good = win.dataset
    win.loader.started.connect(lambda _name: win.loader.cancel())
    with qtbot.waitSignal(win.loader.finished, timeout=60_000) as blocker:
        win.open_dataset(mini)
    assert blocker.args[1] is None
    assert win.dataset is good
    assert "cancelled" in win.statusBar().currentMessage()


def test_a_reload_during_a_load_is_queued(win, mini, qtbot, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    done = []
    win.loader.finished.connect(lambda path, result, keep: done.append((path, keep)))
    win.loader.open(mini)
    assert win.loader.busy
    win.loader.open(WINDOW_FIXTURE, True)  # e.g. a save while the first load runs
    qtbot.waitUntil(lambda: len(done) == 2, timeout=60_000)
    assert done == [(mini, False), (WINDOW_FIXTURE, True)]
    assert win.dataset.id == "window-fixture"
