"""Soak: edit a dataset file N times, alternating valid and broken versions, while the
window is open with live reload. After every edit the window must show the newest
valid data (or keep the last good data and list the problem), and resident memory
must not grow by more than 20 MB over the run.

    make soak              # 500 edits
    python tests/soak.py N
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
BUNDLED = ROOT / "resources" / "datasets" / "kuril"
TARGET = "events/1951-1961.toml"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def soak(n: int, settle_ms: int = 40, log=print) -> dict:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="explorer-soak-"))
    try:
        ds = tmp / "kuril"
        shutil.copytree(BUNDLED, ds)
        os.environ["EXPLORER_CACHE_DIR"] = str(tmp / "cache")
        win = MainWindow(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        assert win.open_dataset(ds)
        win.watcher.settle_ms = settle_ms
        win.resize(1200, 800)
        win.show()
        win.session.select_id("joint-declaration-1956")
        original = (ds / TARGET).read_text(encoding="utf-8")
        title = 'title = "Soviet–Japanese Joint Declaration signed"'
        assert title in original

        def wait_for(cond, timeout=10.0) -> bool:
            end = time.time() + timeout
            while time.time() < end:
                app.processEvents()
                if cond():
                    return True
                time.sleep(0.005)
            return False

        start_rss = None
        failures = []
        for i in range(n):
            valid = i % 2 == 0
            if valid:
                text = original.replace(title, f'title = "Joint Declaration, edit {i}"')
            else:
                text = original.replace(title, f"title = {i}")  # a number where text belongs
            (ds / TARGET).write_text(text, encoding="utf-8")
            if valid:
                ok = wait_for(lambda: win.dataset.event("joint-declaration-1956").title.endswith(f"edit {i}"))
                ok = ok and not win.problems_dock.problems
            else:
                ok = wait_for(lambda: bool(win.problems_dock.problems))
                ok = ok and win.dataset.event("joint-declaration-1956").title.endswith(f"edit {i - 1}")
                ok = ok and win.problems_dock.list.topLevelItem(0).text(1).startswith(f"{TARGET}:")
            ok = ok and win.session.selected_event().id == "joint-declaration-1956"
            if not ok:
                failures.append(i)
            if i == min(20, n - 1):  # after warm-up: caches, fonts and pixmaps exist
                gc.collect()
                start_rss = rss_mb()
            if log and (i + 1) % 100 == 0:
                log(f"{i + 1} edits, {len(failures)} failure(s), RSS {rss_mb():.0f} MB")
        gc.collect()
        app.processEvents()
        end_rss = rss_mb()
        win.positions.settle()
        win.close()
        return {"edits": n, "failures": failures, "rss_start_mb": start_rss, "rss_end_mb": end_rss,
                "growth_mb": end_rss - (start_rss or end_rss)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        QApplication.processEvents()


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    t = time.time()
    r = soak(count)
    print(f"soak: {r['edits']} edits in {time.time() - t:.0f} s, {len(r['failures'])} failure(s), "
          f"RSS {r['rss_start_mb']:.0f} -> {r['rss_end_mb']:.0f} MB (growth {r['growth_mb']:.1f} MB, limit 20)")
    sys.exit(1 if r["failures"] or r["growth_mb"] >= 20 else 0)
