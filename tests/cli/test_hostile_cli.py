"""Odd and hostile input at the command line: a clear message and the right exit code, never a
traceback, a hang, a forged terminal line or a destroyed file (#16.6, 8, 9, 11–15)."""

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, WINDOW_FIXTURE, event


def run(*args, cwd=None, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)


@pytest.fixture
def escapes(make_dataset):
    """A dataset whose title and an event title try to retitle the terminal, clear it and forge a line."""
    nasty = "Evil\x1b]0;pwned\x07\x1b[2J\rexplorer: error: forged line\u202eevil"
    return make_dataset({"dataset.toml": MINIMAL_HEAD.replace('title = "Mini"', f'title = "{nasty!s}"'.replace("\x1b", "\\u001b").replace("\x07", "\\u0007").replace("\r", "\\r")) + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05").replace('title = "Event e1"', 'title = "T\\u001b[31mred\\r\\nforged"') + event("e2", "2001")})


def test_terminal_output_escapes_control_characters(escapes):
    for args in (("list", escapes), ("positions", escapes, "--at", "2000"), ("validate", escapes)):
        r = run(*args)
        assert r.returncode == 0, r.stderr
        out = r.stdout + r.stderr
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out, args
    r = run("list", escapes)
    assert "\\x1b[31mred" in r.stdout


def test_unicode_digits_are_not_digits(mini):
    for at in ("²²²²", "١٩٤٥"):
        r = run("positions", mini, "--at", at)
        assert r.returncode == 2 and "Traceback" not in r.stderr and "digits 0-9" in r.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs and /dev as on Linux")
def test_fifos_devices_and_unreachable_paths_are_refused(tmp_path):
    fifo = tmp_path / "some.fifo"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/zero"):
        r = run("validate", target, timeout=30)
        assert r.returncode == 2 and "not a regular file or a folder" in r.stderr, r.stderr
    if os.geteuid() != 0:  # root can search any folder
        locked = tmp_path / "locked"
        (locked / "ds").mkdir(parents=True)
        os.chmod(locked, 0)
        try:
            r = run("validate", locked / "ds")
            assert r.returncode == 2 and "permission denied" in r.stderr and "Traceback" not in r.stderr
        finally:
            os.chmod(locked, 0o700)


def test_screenshot_size_is_capped(tmp_path):
    r = run("screenshot", WINDOW_FIXTURE, "-o", tmp_path / "s.png", "--size", "100000x100000")
    assert r.returncode == 2 and "must be between" in r.stderr and not (tmp_path / "s.png").exists()


def test_export_cards_to_a_folder_is_a_clear_error(tmp_path):
    r = run("export-cards", WINDOW_FIXTURE, "-o", tmp_path, "--ids", "treaty-1900")
    assert r.returncode == 1 and "is a folder" in r.stderr and "Traceback" not in r.stderr


def test_an_export_never_overwrites_the_dataset_it_reads(tmp_path):
    import shutil

    ds = tmp_path / "ds"
    shutil.copytree(WINDOW_FIXTURE, ds)
    before = (ds / "dataset.toml").read_bytes()
    for args in (("export", ds, "--format", "csv", "-o", ds / "dataset.toml"),
                 ("export", ds, "--format", "timelinejs", "-o", ds / "new.json"),
                 ("export-cards", ds, "-o", ds / "events.toml", "--ids", "treaty-1900")):
        r = run(*args)
        assert r.returncode == 1 and "inside the dataset being read" in r.stderr, (args, r.stderr)
    assert (ds / "dataset.toml").read_bytes() == before and not (ds / "new.json").exists()


def test_a_replaced_output_keeps_its_mode_and_a_symlink_stays_a_symlink(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert run("export", WINDOW_FIXTURE, "--format", "csv", "-o", out).returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640 and out.read_text() != "old"
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("export", WINDOW_FIXTURE, "--format", "timelinejs", "-o", link).returncode == 0
    assert link.is_symlink() and json.loads(real.read_text())["events"]


def test_a_new_output_follows_the_umask(tmp_path):
    out = tmp_path / "new.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(["/bin/sh", "-c", f'umask 027; exec "{sys.executable}" -m explorer export "{WINDOW_FIXTURE}" '
                        f'--format timelinejs -o "{out}"'], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640


def test_device_nodes_are_never_replaced(tmp_path):
    r = run("export", WINDOW_FIXTURE, "--format", "csv", "-o", "/dev/null")
    assert r.returncode == 1 and "not a regular file" in r.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_stale_part_files_of_a_killed_export_are_cleaned(tmp_path):
    out = tmp_path / "cards.pdf"
    stale = tmp_path / ".cards.pdf.abc12345.part"  # mkstemp's 8 characters: ours
    stale.write_bytes(b"%PDF-half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    other = tmp_path / ".notes.txt.part"  # not ours: left alone
    other.write_text("x")
    os.utime(other, (old, old))
    r = run("export-cards", WINDOW_FIXTURE, "-o", out, "--ids", "treaty-1900")
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and other.exists() and out.exists()


def test_exports_never_shorten_text(make_dataset, tmp_path):
    long = "word " * 8000  # 40,000 characters: over the display limit
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05").replace("Something happened.", long.strip())
                         + event("e2", "2001")})
    assert run("export", root, "--format", "timelinejs", "-o", tmp_path / "t.json").returncode == 0
    slide = next(s for s in json.loads((tmp_path / "t.json").read_text())["events"] if s["unique_id"] == "e1")
    assert slide["text"]["text"].count("word") == 8000 and "shortened" not in slide["text"]["text"]
    assert run("export", root, "--format", "csv", "-o", tmp_path / "t.csv").returncode == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8"))))
    assert any(cell.count("word") == 8000 for row in rows for cell in row)
