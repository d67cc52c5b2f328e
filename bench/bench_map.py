"""Map redraw while scrubbing: the bundled map on 50 different days vs a bare fill of the same polygons.

The map side is what the map panel does per cursor move: `Geo.state_at(day)` and a
full `MapPainter.paint` (sea, context land, each region's fill, claim hatches and rims,
boundary lines in force, labels, legend) into a 600×640 image. The baseline fills the
same pre-built QPainterPaths with one solid colour each, antialiased, into an equal
image: the least any map of these shapes could cost. The two replay the 50 days in turn,
9 rounds; each figure is the best round (interference only ever adds time), with the
spread of the rounds. Target: map / bare fill <= 4.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ROOT, row  # noqa: E402

W, H = 600, 640
DAYS = 50
REPEATS = 9


def main() -> list[dict]:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    from explorer.core.loading import open_dataset as load
    from explorer.ui.map.snapshot import painter_for

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt alive
    ds = load(ROOT / "resources" / "datasets" / "kuril").dataset
    mp = painter_for(ds)
    rect = QRectF(0, 0, W, H)
    first, last = min(c.since.start for c in ds.geo.controls), ds.span()[1]
    days = [first - 400 + (last - first + 800) * i // (DAYS - 1) for i in range(DAYS)]
    built = mp.paths(rect)  # both sides start from the same projected paths
    shapes = [built["land"], *built["regions"].values()]
    colours = [QColor(c) for c in ("#cccccc", "#c0392b", "#2c5aa0")]
    img_map = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    img_bare = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)

    def redraw_map() -> float:
        t = time.perf_counter()
        for d in days:
            p = QPainter(img_map)
            mp.paint(p, rect, d, states=mp.geo.state_at(d))
            p.end()
        return time.perf_counter() - t

    def bare_fill() -> float:
        t = time.perf_counter()
        for i, _ in enumerate(days):
            p = QPainter(img_bare)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.fillRect(rect, colours[0])
            for k, path in enumerate(shapes):
                p.fillPath(path, colours[(i + k) % 3])
            p.end()
        return time.perf_counter() - t

    redraw_map(), bare_fill()  # warm up: fonts, label placement, legend spot
    rounds_map, rounds_bare = [], []
    for _ in range(REPEATS):  # interleaved
        rounds_map.append(redraw_map())
        rounds_bare.append(bare_fill())
    best_map, best_bare = min(rounds_map), min(rounds_bare)

    def spread(xs: list[float]) -> str:
        return "–".join(f"{x / DAYS * 1000:.2f}" for x in (min(xs), max(xs)))

    return [row(f"map redraw per day ({DAYS} days) vs bare polygon fill", best_map / DAYS, best_bare / DAYS, 4.0,
                note=f"per frame, rounds (ms): map {spread(rounds_map)}, bare fill {spread(rounds_bare)}; "
                     f"{sum(len(r) // 2 for poly in [*ds.geo.land, *(p for r in ds.geo.regions.values() for p in r.polygons)] for r in poly)} points")]


if __name__ == "__main__":
    for r in main():
        print(r)
