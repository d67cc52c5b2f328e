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


@pytest.fixture
def held(monkeypatch):
    """Background loads that wait until `release()` (and stop early when cancelled): the window's
    state during a load can be checked without racing it."""
    import threading

    import explorer.ui.shell.loading as ui_loading
    from explorer.core.loading import LoadCancelled, open_dataset

    gate = threading.Event()

    def slow_open(path, progress=None, cancel=None, **kw):
        progress(1, 4)
        while not gate.wait(0.01):
            if cancel is not None and cancel():
                raise LoadCancelled("cancelled")
        return open_dataset(path, progress, cancel, **kw)

    monkeypatch.setattr(ui_loading, "open_dataset", slow_open)
    monkeypatch.setattr(ui_loading, "SHOW_AFTER_MS", 0)
    return gate


def progress_widget(win):
    from explorer.ui.shell.loading import LoadProgress

    return win.statusBar().findChild(LoadProgress)


def test_progress_shows_in_the_status_bar_and_the_old_data_stays_usable(win, mini, qtbot, held):
    old = win.dataset
    win.reload()  # the fixture dataset, now "big": a background load
    assert win.loader.busy
    bar = progress_widget(win)
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.bar.maximum() == 1000 and bar.bar.value() == 250  # 1 of 4
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert not QApplication.activeModalWidget()
    # the current data answers meanwhile
    win.session.select_index(1)
    win.session.zoom(0.5)
    assert win.session.selected == 1 and win.dataset is old
    with qtbot.waitSignal(win.loader.finished, timeout=60_000):
        held.set()
    assert not bar.isVisible() and win.dataset is not old  # the new data swapped in
    assert win.dataset.events[win.session.selected].id == old.events[1].id  # a reload keeps the selection


def test_the_cancel_button_stops_a_load_and_keeps_the_data(win, mini, qtbot, held):
    old = win.dataset
    win.open_dataset(mini)
    bar = progress_widget(win)
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    with qtbot.waitSignal(win.loader.finished, timeout=60_000) as blocker:
        bar.cancel_button.click()
    assert blocker.args[1] is None and win.dataset is old and not bar.isVisible()


def test_reloads_during_a_reload_are_queued_newest_first(win, mini, qtbot, held):
    done = []
    win.loader.finished.connect(lambda path, result, keep: done.append(path))
    win.open_dataset(mini)
    win.reload()  # the current dataset, asked for while `mini` loads
    win.open_dataset(mini)  # and then `mini` again: the newest request replaces the queued one
    assert win.loader.queued == mini
    held.set()
    qtbot.waitUntil(lambda: len(done) == 2, timeout=60_000)
    assert done == [mini, mini] and win.session.path == mini


def test_a_small_dataset_opened_in_the_window_is_written_to_the_load_cache(make_window, mini, qtbot, tmp_path,
                                                                           monkeypatch):
    from explorer.core import loading

    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    w = make_window()
    w.open_dataset(mini)  # small: at once; its entries are written once the window has painted it
    assert w.dataset is not None
    qtbot.waitUntil(lambda: loading.cached(mini) is not None, timeout=10_000)
