"""Export to a full disk: a clear error, no partial file, and an existing file kept intact."""

import os
import resource
import signal
import subprocess
import sys


def full_disk_at(limit_bytes):
    def setup():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    return setup


def test_full_disk_during_export_keeps_the_existing_file(tmp_path):
    out = tmp_path / "cards.pdf"
    out.write_bytes(b"%PDF-1.4 an earlier export that must survive\n%%EOF\n")
    before = out.read_bytes()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-m", "explorer", "export-cards", "-o", str(out)], capture_output=True,
                       text=True, env=env, preexec_fn=full_disk_at(150_000), timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "could not be written completely" in r.stderr or "a new page could not be started" in r.stderr
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]  # no .part file left behind


def test_full_disk_for_timelinejs_export(tmp_path):
    out = tmp_path / "k.json"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-m", "explorer", "export", "--format", "timelinejs", "-o", str(out)],
                       capture_output=True, text=True, env=env, preexec_fn=full_disk_at(20_000), timeout=300)
    assert r.returncode == 1 and "cannot write" in r.stderr, r.stdout + r.stderr
    assert list(tmp_path.iterdir()) == []
