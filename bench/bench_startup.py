"""Start-up time and memory, each in fresh processes, against a bare PySide6 + pyqtgraph window.

- start-up: from launching the interpreter to the first paint of the timeline
  plot, for Explorer on the bundled dataset, vs a QMainWindow holding one
  PlotWidget (first paint of its plot). Target <= 1.3x.
- memory: resident memory of Explorer holding 100,000 events (after the first
  paint and one search, so the search index exists) minus that of the bare
  window. Target <= 200 MB.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from common import ROOT, dataset, row

PAINT_HOOK = """
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
def rss_mb():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS'):
                return int(line.split()[1]) / 1024
class FirstPaint(QObject):
    def __init__(self, target, after=None):
        super().__init__()
        self.target, self.after, self.done = target, after, False
    def eventFilter(self, obj, ev):
        if not self.done and obj is self.target and ev.type() == QEvent.Type.Paint:
            self.done = True
            t = time.time()
            def finish():
                if self.after: self.after()
                print(json.dumps({'t': t, 'rss': rss_mb()})); sys.stdout.flush()
                QTimer.singleShot(0, app.quit)
            QTimer.singleShot(0, finish)
        return False
"""

BARE = PAINT_HOOK + """
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
w = QMainWindow()
plot = pg.PlotWidget()
w.setCentralWidget(plot)
w.resize(1400, 900)
hook = FirstPaint(plot.viewport())
app.installEventFilter(hook)
w.show()
app.exec()
"""

APP = PAINT_HOOK + """
import explorer.commands  # what the `explorer` command imports first
from pathlib import Path
from explorer.ui.shell.app import build_window, make_app
app = make_app()
win = build_window(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
def search():
    if len(sys.argv) > 2:
        win.search_bar.text.setText(sys.argv[2])
        win.apply_filter(win.search_bar.current_filter())
hook = FirstPaint(win.timeline.plot.viewport(), search)
app.installEventFilter(hook)
win.show()
app.exec()
"""


def run(code: str, *args: str, home: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"), HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, ".config"), XDG_CACHE_HOME=os.path.join(home, ".cache"))
    # an installed app has its bytecode compiled (pip does it); don't time compiling sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["startup"] = out["t"] - t0
    return out


def main() -> list[dict]:
    big = str(dataset(100_000))
    with tempfile.TemporaryDirectory() as home:
        run(APP, home=home)  # warm the load cache and the bytecode, as any second start would find them
        run(BARE, home=home)
        bare, ours = [], []
        for _ in range(5):
            bare.append(run(BARE, home=home)["startup"])
            ours.append(run(APP, home=home)["startup"])
        b, o = min(bare), min(ours)  # best of 5 each (see common.interleave)
        rows = [row("start-up to first paint (bundled dataset)", o, b, 1.3)]
        run(APP, big, home=home)  # cache the big dataset too
        mem_bare = statistics.median(run(BARE, home=home)["rss"] for _ in range(3))
        mem_app = statistics.median(run(APP, big, "treaty", home=home)["rss"] for _ in range(3))
    rows.append(row("memory with 100,000 events, over bare window", mem_app - mem_bare, mem_bare, 200.0,
                    unit="MB", ratio=mem_app - mem_bare,
                    note=f"Explorer {mem_app:.0f} MB, bare window {mem_bare:.0f} MB; target is the difference in MB"))
    return rows


if __name__ == "__main__":
    for r in main():
        print(r)
