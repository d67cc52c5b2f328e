"""Frame time while panning and zooming where the data is: 100,000 events vs 1,000, and vs a naive scatter plot.

The camera path visits the dense decades of the synthetic data (97 % of its
events are dated 1800-2025): the whole range, a zoom to 1900-2025, pans across
1950-2010 at 30 years wide, a zoom to one year and pans across 1985-1995, a
zoom to 14 days and pans across 1990, and back out (`camera`). Each frame is
a `set_range` plus a synchronous paint of the plot widget (`grab()`). The
naive baseline is one pyqtgraph `ScatterPlotItem` holding the same 100,000
points in an equal PlotWidget, replaying the same path. The three replay the
path in turn, `REPEATS` rounds; a round's figure is its 95th-percentile frame.

Figures: the first round (cold caches: labels, atlases and glyphs never
drawn at those zooms) and the best round, each 100k / 1k <= 1.5 and 100k /
naive <= 0.25; the spread is that of the per-round ratios. Also: how many
times a range change paints the plot in a live event loop (target 1).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from common import dataset, row  # noqa: E402

W, H = 1400, 520
REPEATS = int(os.environ.get("BENCH_ROUNDS", 7))


def _day(text: str) -> float:
    from explorer.core.dates import Date

    return float(Date.parse(text).start)


def _zoom(path: list, a: tuple[float, float], b: tuple[float, float], frames: int) -> None:
    """From range `a` to range `b`: the width changes geometrically, the centre linearly."""
    (a0, a1), (b0, b1) = a, b
    wa, wb, ca, cb = a1 - a0, b1 - b0, (a0 + a1) / 2, (b0 + b1) / 2
    for i in range(1, frames + 1):
        f = i / frames
        w, c = wa * (wb / wa) ** f, ca + (cb - ca) * f
        path.append((c - w / 2, c + w / 2))


def _pan(path: list, width: float, c0: float, c1: float, frames: int) -> None:
    for i in range(frames):
        c = c0 + (c1 - c0) * i / max(1, frames - 1)
        path.append((c - width / 2, c + width / 2))


def camera(lo: float, hi: float, frames: int = 80) -> list[tuple[float, float]]:
    """A path through the dense decades: fit-all, mid zoom, one year, 14 days (pans at each), and back.

    `frames` is kept for the old interface; the path has 80 frames."""
    whole = (lo, hi)
    path = [whole] * 2
    mid = (_day("1900-01-01"), _day("2025-12-31"))
    _zoom(path, whole, mid, 8)
    y30 = 30 * 365.25
    _zoom(path, mid, (_day("1950-01-01") - y30 / 2, _day("1950-01-01") + y30 / 2), 4)
    _pan(path, y30, _day("1950-01-01"), _day("2010-01-01"), 10)
    c90 = _day("1990-07-01")
    _zoom(path, path[-1], (c90 - 182, c90 + 183), 8)
    _pan(path, 365.0, _day("1985-07-01"), _day("1995-07-01"), 10)
    _zoom(path, path[-1], (c90 - 7, c90 + 7), 8)
    _pan(path, 14.0, _day("1990-01-10"), _day("1990-12-20"), 16)
    _zoom(path, path[-1], whole, 14)
    return path


def frame_times(view, plot_widget, path, set_range) -> list[float]:
    times = []
    for lo, hi in path:
        t = time.perf_counter()
        set_range(lo, hi)
        plot_widget.grab()  # one synchronous paint of the whole plot (axes, grid, items)
        times.append(time.perf_counter() - t)
    return times


def paints_per_change(plot_widget, set_range, path) -> float:
    """Paints of the plot's viewport per range change, with the event loop running in between."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    class Count(QObject):
        n = 0

        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                self.n += 1
            return False

    app = QApplication.instance()
    count = Count()
    plot_widget.viewport().installEventFilter(count)

    def settle():
        for _ in range(5):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            time.sleep(0.005)

    settle()
    count.n = 0
    for lo, hi in path:
        set_range(lo, hi)
        settle()
    plot_widget.viewport().removeEventFilter(count)
    return count.n / len(path)


def timeline(ds):
    from explorer.ui.timeline.view import TimelineView

    v = TimelineView()
    v.resize(W, H)
    v.set_dataset(ds, "party")
    v.show()
    return v


def naive(ds):
    """One point per event and party, in a row per party (what the timeline drew before it had one
    mark per event): built from the dataset, not from the timeline's layout, so the baseline does
    not change when the timeline's lanes do."""
    import numpy as np
    import pyqtgraph as pg

    order = {p: i for i, p in enumerate(ds.side_ids + [p for p in ds.parties if p not in ds.side_ids])}
    xs = np.array([e.start for e in ds.events for p in e.parties if p in order], dtype=np.float64)
    ys = np.array([order[p] for e in ds.events for p in e.parties if p in order], dtype=np.float64)
    by_row = np.lexsort((xs, ys))  # row after row, each by date: as the points were laid out before
    xs, ys = xs[by_row], ys[by_row]
    w = pg.PlotWidget()
    w.resize(W, H)
    spots = pg.ScatterPlotItem(x=xs, y=ys, size=9, pen=pg.mkPen("w"), brush=pg.mkBrush(44, 90, 160))
    w.addItem(spots)
    w.show()
    return w


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from explorer.core.loading import open_dataset as load
    from explorer.ui.shell.app import make_app

    make_app()
    big = load(dataset(100_000)).dataset
    small = load(dataset(1_000)).dataset
    lo, hi = big.span()
    path = camera(lo, hi)
    v_big, v_small, scatter = timeline(big), timeline(small), naive(big)
    QApplication.instance().processEvents()
    replay = {
        "big": lambda: frame_times(v_big, v_big.plot, path, v_big.set_range),
        "small": lambda: frame_times(v_small, v_small.plot, path, v_small.set_range),
        "naive": lambda: frame_times(scatter, scatter, path, lambda a, b: scatter.setXRange(a, b, padding=0)),
    }
    runs: dict[str, list[list[float]]] = {k: [] for k in replay}
    for _ in range(REPEATS):  # interleaved: each replays the whole path once per round
        for k, f in replay.items():
            runs[k].append(f())
    r95 = {k: [p95(r) for r in v] for k, v in runs.items()}
    med = {k: [statistics.median(r) for r in v] for k, v in runs.items()}
    best = {k: min(v) for k, v in r95.items()}

    def ms(xs) -> str:
        return "–".join(f"{x * 1000:.1f}" for x in (min(xs), max(xs)))

    def ratios(a: str, b: str) -> list[float]:
        return [x / y for x, y in zip(r95[a], r95[b])]

    method = (f"{len(path)}-frame path through the dense decades, {REPEATS} interleaved rounds; "
              "a round's figure is its 95th-percentile frame")
    detail = (f"p95 per round (ms): 100k {ms(r95['big'])}, 1k {ms(r95['small'])}, naive {ms(r95['naive'])}; "
              f"median frame 100k {ms(med['big'])}")
    out = []
    for other, name, target in (("small", "1k events", 1.5), ("naive", "naive ScatterPlotItem", 0.25)):
        rs = ratios("big", other)
        out.append(row(f"frame p95, 100k events vs {name}, first round (cold)", r95["big"][0], r95[other][0],
                       target, method=method, note=detail if other == "small" else ""))
        out.append(row(f"frame p95, 100k events vs {name}, best round", best["big"], best[other], target,
                       ratio=best["big"] / best[other], spread=(min(rs), max(rs)), rounds=REPEATS, method=method))
    live_path = path[::4]
    paints = paints_per_change(v_big.plot, v_big.set_range, live_path)
    out.append(row("paints of the plot per range change (live event loop)", paints, 1.0, 1.0, unit="",
                   ratio=paints, method=f"{len(live_path)} range changes, events processed after each"))
    return out


if __name__ == "__main__":
    for r in main():
        print(r)
