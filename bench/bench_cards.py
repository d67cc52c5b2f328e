"""Benchmark: export 1,000 event cards, as a ratio to a bare QPdfWriter + QTextDocument loop.

Run with `make bench`. Target: ratio <= 3.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtGui import QGuiApplication, QPageSize, QPainter, QPdfWriter, QTextDocument  # noqa: E402

from explorer.core.loading import load_dataset  # noqa: E402
from explorer.export.cards import CardOptions, card_html, export_cards  # noqa: E402
from explorer.resources import bundled_dataset  # noqa: E402

N = 1000


def bare(ds, events, out):
    w = QPdfWriter(str(out))
    w.setResolution(300)
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    p = QPainter(w)
    for i, ev in enumerate(events):
        if i:
            w.newPage()
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(w)
        doc.setTextWidth(2000)
        doc.setHtml(card_html(ds, ev, CardOptions(), 1.0))
        doc.drawContents(p)
    p.end()


def main() -> dict:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    ds = load_dataset(bundled_dataset())
    events = [ds.events[i % len(ds.events)] for i in range(N)]
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        bare(ds, events, Path(d) / "bare.pdf")
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        export_cards(ds, events, Path(d) / "cards.pdf", CardOptions())
        ours = time.perf_counter() - t0
    from common import row

    return row(f"export {N} cards (A4, 1 per page) vs bare QPdfWriter loop", ours, base, 3.0)


if __name__ == "__main__":
    print(main())
