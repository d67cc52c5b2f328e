"""The window as a person meets it: launch, memory, and an edit to one file, against a bare PySide6 window.

Baseline: a bare QMainWindow holding one pyqtgraph PlotWidget, of the size
Explorer gives its window on a first start, until the first paint of its plot.

- first launch: the real `explorer` entry point (`explorer.commands.main`) in
  a fresh home (no load cache, no settings, no key), from process start to the
  end of the first paint of the timeline with the bundled dataset: <= 1.3x;
- warm start: the same, with the cache and settings a first run left: <= 1.3x;
- edit to repaint: in a running window holding 100,000 events, one of the 101
  files is edited and the window reloads, until the timeline has painted the
  new data, vs a reload of the unchanged dataset (a full cache hit, same
  window, interleaved): <= 1.5x;
- peak memory of the process tree (the window and its load children, sampled
  every 20 ms) over a first open of 100,000 events (empty cache) until the
  dataset is painted and searched, minus the bare window's peak: <= 250 MB;
- memory holding 100,000 events (a warm start, after a search) minus the bare
  window: <= 200 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PeakRSS, child, dataset, env, figure

ROUNDS = 5
LAUNCHES = 9  # start-up rounds: cheap, and the noisiest figures

HOOK = r"""
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

def rss_mb():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS'):
                return int(line.split()[1]) / 1024

class FirstPaint(QObject):
    # the end of the first paint of `target()` once `ready()`; then `after()`, the report, and quit
    def __init__(self, target, ready=lambda: True, after=None):
        super().__init__()
        self.target, self.ready, self.after, self.done = target, ready, after, False
    def eventFilter(self, obj, ev):
        if not self.done and ev.type() == QEvent.Type.Paint and obj is self.target() and self.ready():
            self.done = True
            QTimer.singleShot(0, self.finish)  # after this paint has ended
        return False
    def finish(self):
        t = time.time()
        if self.after:
            self.after()
        print(json.dumps({'t': t, 'rss': rss_mb()}), flush=True)
        # BENCH_LINGER: keep running a while (a first run that leaves its load cache: written 0.4 s after opening)
        QTimer.singleShot(int(float(os.environ.get('BENCH_LINGER', '0')) * 1000), QApplication.quit)

def first_size():  # as window_settings.restore on a first start
    scr = QApplication.primaryScreen().availableGeometry()
    return min(1800, int(scr.width() * 0.9)), min(1000, int(scr.height() * 0.9))
"""

BARE = HOOK + r"""
import pyqtgraph as pg
from PySide6.QtWidgets import QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
plot = pg.PlotWidget()
w.setCentralWidget(plot)
w.resize(*first_size())
hook = FirstPaint(plot.viewport)
app.installEventFilter(hook)
w.show()
app.exec()
"""

# The real entry point, with the paint hook installed as the event loop starts
APP = HOOK + r"""
search = os.environ.pop('BENCH_SEARCH', '')
real_exec = QApplication.exec
def exec_(*_args):
    app = QApplication.instance()
    win = next(w for w in app.topLevelWidgets() if type(w).__name__ == 'MainWindow')
    def after():
        if search:
            from explorer.core.query import Filter
            win.session.set_filter(Filter(query=search))  # waits for the search index
    hook = FirstPaint(win.timeline.plot.viewport, lambda: win.dataset is not None, after)
    app.installEventFilter(hook)  # (`hook` must stay referenced while the loop runs)
    return real_exec()
QApplication.exec = staticmethod(exec_)
from explorer.commands import main
sys.exit(main(sys.argv[1:]))
"""

RELOADS = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject
from explorer.ui.shell.app import build_window, make_app
app = make_app()
path, rounds = Path(sys.argv[1]), int(sys.argv[2])
win = build_window(path)
win.resize(1400, 900)
win.show()

class Painted(QObject):  # the dataset shown by the timeline's last paint
    shown = None
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            self.shown = win.dataset
        return False

painted = Painted()
win.timeline.plot.viewport().installEventFilter(painted)

def wait(ready, limit=600):
    t0 = time.perf_counter()
    while not ready():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() - t0 > limit:
            raise SystemExit('timed out')

def settle(seconds=3.0):  # the search index of the last dataset builds on a thread: let it end
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

def reload():
    old = win.dataset
    t = time.perf_counter()
    win.reload()
    wait(lambda: win.dataset is not old and painted.shown is win.dataset)
    return time.perf_counter() - t

wait(lambda: win.dataset is not None and painted.shown is win.dataset)
settle()
edited = path / 'events' / 'part-0050.toml'
hit, edit = [], []
for k in range(rounds):
    hit.append(reload())
    settle()
    with open(edited, 'a', encoding='utf-8') as fh:
        fh.write(f'# edit {k}\n')
    edit.append(reload())
    settle()
_report(hit=hit, edit=edit)
"""


def launch(code: str, args: list[str], home: Path, extra: dict | None = None, sample: bool = False) -> dict:
    """Run `code` as a fresh process with `home` as its home; its startup time, and its tree's peak RSS."""
    e = env(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
            XDG_STATE_HOME=str(home / ".local" / "state"), XDG_DATA_HOME=str(home / ".local" / "share"),
            **(extra or {}))
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=e)
    peak = PeakRSS(proc.pid) if sample else None
    out, err = proc.communicate(timeout=900)
    top = peak.stop() if peak else 0.0
    if proc.returncode != 0:
        raise RuntimeError(err[-3000:])
    got = json.loads(out.strip().splitlines()[-1])
    got["startup"] = got["t"] - t0
    got["peak"] = top
    return got


def main() -> list[dict]:
    big = dataset(100_000)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        launch(BARE, [], tmp / "warmup")  # compile bytecode once, as an installed app has it
        launch(APP, [], tmp / "warmup")
        k = [0]

        def fresh() -> Path:
            k[0] += 1
            return tmp / f"home{k[0]}"

        warm_home = fresh()
        launch(APP, [], warm_home, {"BENCH_LINGER": "2"})  # the first run leaves its cache and settings
        assert any((warm_home / ".cache").rglob("*")), "the first run left no load cache: the warm start would not be warm"
        got = {"bare": [], "first": [], "warm": []}
        for _ in range(LAUNCHES):
            got["bare"].append(launch(BARE, [], fresh())["startup"])
            got["first"].append(launch(APP, [], fresh())["startup"])
            got["warm"].append(launch(APP, [], warm_home)["startup"])
        method = f"{LAUNCHES} interleaved rounds of fresh processes, best of each; spread = per-round ratios"
        rows.append(figure("first launch, fresh home (entry point to first painted frame)", got["first"],
                           got["bare"], 1.3, method=method + "; each launch in a new empty home"))
        rows.append(figure("warm start (cache and settings kept)", got["warm"], got["bare"], 1.3, method=method))

        # memory: a first open of 100k in the window (empty cache), the whole process tree
        mem = {"bare": [], "peak": []}
        for _ in range(3):
            mem["bare"].append(launch(BARE, [], fresh(), sample=True)["peak"])
            mem["peak"].append(launch(APP, [str(big)], fresh(), {"BENCH_SEARCH": "treaty"}, sample=True)["peak"])
        rows.append(figure("peak memory of the process tree, first open of 100,000 events, over bare window",
                           mem["peak"], mem["bare"], 250.0, unit="MB", difference=True,
                           method="3 interleaved rounds, tree RSS sampled every 20 ms until painted and searched",
                           note=f"peak {min(mem['peak']):.0f} MB, bare window {min(mem['bare']):.0f} MB"))
        home = fresh()
        launch(APP, [str(big)], home)  # cache the big dataset
        steady = {"bare": [], "app": []}
        for _ in range(3):
            steady["bare"].append(launch(BARE, [], fresh())["rss"])
            steady["app"].append(launch(APP, [str(big)], home, {"BENCH_SEARCH": "treaty"})["rss"])
        rows.append(figure("memory holding 100,000 events (after a search), over bare window", steady["app"],
                           steady["bare"], 200.0, unit="MB", difference=True,
                           method="3 interleaved rounds, resident memory of the window's process, warm cache",
                           note=f"Explorer {min(steady['app']):.0f} MB, bare window {min(steady['bare']):.0f} MB"))

        # edit one file of 101 in a running window vs reloading it unchanged
        copy = tmp / "ds"
        shutil.copytree(big, copy, ignore=shutil.ignore_patterns(".complete"))
        cache = {"EXPLORER_CACHE_DIR": str(tmp / "cache")}
        child("import sys\nfrom explorer.core.loading import open_dataset\nopen_dataset(sys.argv[1])\n_report()",
              str(copy), env_extra=cache)
        r = child(RELOADS, str(copy), str(ROUNDS), env_extra=cache)
        rows.append(figure("edit 1 of 101 files, reload to repaint (vs reload unchanged)", r["edit"], r["hit"], 1.5,
                           method=f"one window with 100,000 events, {ROUNDS} interleaved reloads of each, best of each",
                           note="reload unchanged (ms): " + ", ".join(f"{x * 1000:.0f}" for x in r["hit"])
                           + "; after an edit (ms): " + ", ".join(f"{x * 1000:.0f}" for x in r["edit"])))
    return rows


if __name__ == "__main__":
    for r in main():
        print(r)
