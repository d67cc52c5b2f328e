"""Export 1,000 event cards (A4, one a page) against a bare QPdfWriter + QTextDocument loop.

The bare loop writes the same events' text (title, date, summary, notes,
names, sources) as plain HTML built here with `html.escape`, one
QTextDocument a page, in the same font (the application font after
`install_fonts`, 10 pt, as the cards use) and page setup (A4, 300 dpi, 15 mm
margins). Explorer's export adds its styling, the timeline strip, page breaks
within a card, cut marks and footers. The two run in turn in one process, 3
rounds, best of each. Target: <= 3x.
"""

from __future__ import annotations

import html
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QMarginsF, QRectF  # noqa: E402
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument  # noqa: E402

from common import figure  # noqa: E402
from explorer.core.loading import load_dataset  # noqa: E402
from explorer.export.cards import CardOptions, export_cards  # noqa: E402
from explorer.qt_fonts import install_fonts  # noqa: E402
from explorer.resources import bundled_dataset  # noqa: E402

N = 1000
ROUNDS = 3


def plain_html(ev) -> str:
    e = html.escape
    parts = [f"<h2>{e(ev.title)}</h2>", f"<p>{e(ev.date.display())}</p>", f"<p>{e(ev.summary)}</p>"]
    if ev.notes:
        parts.append(f"<p>{e(ev.notes)}</p>")
    if ev.names:
        parts.append("<p>" + "<br>".join(f"{e(k)}: {e(v)}" for k, v in ev.names.items()) + "</p>")
    parts.append("<ul>" + "".join(f"<li>{e(s.title)} {e(s.publisher)} {e(s.url)}</li>" for s in ev.sources)
                 + "</ul>")
    return "".join(parts)


def bare(events, out: Path) -> None:
    w = QPdfWriter(str(out))
    w.setResolution(300)
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    w.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    p = QPainter(w)
    page = QRectF(w.pageLayout().paintRectPixels(300))
    font = QFont()
    font.setPointSizeF(10)
    for i, ev in enumerate(events):
        if i:
            w.newPage()
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(w)
        doc.setDefaultFont(font)
        doc.setTextWidth(page.width())
        doc.setHtml(plain_html(ev))
        doc.drawContents(p)
    p.end()


def main() -> dict:
    app = QGuiApplication.instance() or QGuiApplication([])
    install_fonts(app)
    ds = load_dataset(bundled_dataset())
    events = [ds.events[i % len(ds.events)] for i in range(N)]
    got = {"bare": [], "ours": []}
    with tempfile.TemporaryDirectory() as d:
        for k in range(ROUNDS):
            t = time.perf_counter()
            bare(events, Path(d) / f"bare{k}.pdf")
            got["bare"].append(time.perf_counter() - t)
            t = time.perf_counter()
            export_cards(ds, events, Path(d) / f"cards{k}.pdf", CardOptions())
            got["ours"].append(time.perf_counter() - t)
    return figure(f"export {N} cards (A4, 1 a page) vs bare QPdfWriter loop, plain HTML", got["ours"], got["bare"],
                  3.0, method=f"one process, {ROUNDS} interleaved rounds, best of each; same font and page setup")


if __name__ == "__main__":
    print(main())
