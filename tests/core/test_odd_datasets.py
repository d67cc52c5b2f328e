"""Large and odd datasets: a clear message, no crash, and nothing read outside the dataset."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.helpers import MINIMAL_HEAD, POSITIONS, event
from tests.helpers import parse_path as load


def messages(result):
    return "\n".join(str(p) for p in result.problems)


@pytest.mark.slow
def test_fifty_megabyte_text_field(make_dataset, qtbot, tmp_path):
    from explorer.export.cards import CardOptions, export_cards
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    big = "word " * (10 * 2**20)  # 50 MiB of text in one summary
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05").replace("Something happened.", big)})
    r = load(root)
    assert r.dataset is not None, messages(r)
    assert len(r.dataset.event("e1").summary) == len(big)
    make_app()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.session.set_dataset(r.dataset, root)
    win.show()
    win.session.select_id("e1")
    shown = win.detail.toPlainText()
    assert "shortened: 52,428,800 characters in the file" in shown and len(shown) < 30_000
    out = tmp_path / "big.pdf"
    assert export_cards(r.dataset, [r.dataset.event("e1")], out, CardOptions()) >= 1


@pytest.mark.slow
def test_a_million_events_in_one_file(make_dataset, tmp_path):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS})
    with open(root / "events.toml", "w", encoding="utf-8") as f:
        one = '[[event]]\nid = "e{}"\ndate = "2000"\ntitle = "t"\nsummary = ""\ncategory = "treaty"\nparties = ["a"]\n'
        f.writelines(one.format(i) for i in range(1_000_000))
    size = (root / "events.toml").stat().st_size
    r = load(root)
    assert r.dataset is None
    assert f"events.toml: error: file is too large ({size // 2**20} MiB; the limit is 64 MiB)" in messages(r)


@pytest.mark.slow
def test_ten_thousand_small_files(make_dataset, qtbot, tmp_path):
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.live_reload import MAX_WATCHED_FILES
    from explorer.ui.shell.main_window import MainWindow

    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS.replace('event = "e1"\n', "")})
    for i in range(10_000):
        d = root / "events" / f"{i // 500:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"e{i}.toml").write_text(event(f"e{i}", f"{1900 + i % 120}-01-01"), encoding="utf-8")
    r = load(root)
    assert r.dataset is not None and len(r.dataset.events) == 10_000, messages(r)[:500]
    make_app()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_dataset(root)
    assert len(win.watcher.watcher.files()) <= MAX_WATCHED_FILES
    assert len(win.watcher.watcher.directories()) == 1 + 1 + 20  # root, events/, 20 subfolders


def test_symlink_loop_and_links_outside(make_dataset, tmp_path):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": event("e1", "1995-05-05")})
    (root / "events" / "loop").symlink_to(root, target_is_directory=True)  # a folder loop
    secret = tmp_path / "secret.toml"
    secret.write_text(event("stolen"), encoding="utf-8")
    (root / "events" / "outside.toml").symlink_to(secret)
    (root / "events" / "broken.toml").symlink_to(tmp_path / "nowhere.toml")
    r = load(root)
    text = messages(r)
    assert "events/outside.toml: error: symbolic link to" in text and "outside the dataset folder; not read" in text
    assert "events/broken.toml: error: broken symbolic link" in text
    assert "`stolen`" not in text and "e1" not in text, text  # the outside file was not parsed


def test_fifo_and_unreadable_file(make_dataset, monkeypatch):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": event("e1", "1995-05-05")})
    os.mkfifo(root / "events" / "pipe.toml")  # reading it would block forever
    r = load(root)
    assert "events/pipe.toml: error: not a regular file; not read" in messages(r)
    os.unlink(root / "events" / "pipe.toml")
    real = Path.read_bytes

    def deny(self):
        if self.name == "a.toml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)  # root ignores chmod, so pretend
    r = load(root)
    assert "events/a.toml: error: cannot read file: Permission denied" in messages(r)


def test_files_and_folder_removed_while_open(make_dataset, qtbot, tmp_path):
    import shutil

    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001"),
                         "events/b.toml": event("e3", "2010-03")})
    make_app()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_dataset(root)
    win.show()
    (root / "events" / "b.toml").unlink()
    qtbot.waitUntil(lambda: win.dataset.event("e3") is None, timeout=5000)  # reloaded without it
    good = win.dataset
    shutil.rmtree(root)
    qtbot.waitUntil(lambda: bool(win.problems_dock.problems), timeout=5000)
    assert win.dataset is good  # the last good data stays on screen
    assert "no such file or folder" in win.problems_dock.list.topLevelItem(0).text(2)
