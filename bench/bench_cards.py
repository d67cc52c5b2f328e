"""Export 1,000 event cards (A4, one a page) against a bare QPdfWriter + QTextDocument loop.

The bare loop writes the same events' text (title, date, summary, notes,
names, sources, and each side's stance and reasons on its date, as the card
prints them) as plain HTML built here with `html.escape`, one
QTextDocument a page, in the same font (the application font after
`install_fonts`, 10 pt, as the cards use) and page setup (A4, 300 dpi, 15 mm
margins). Explorer's export adds its styling, the timeline strip, page breaks
within a card, cut marks and footers. The two run in turn in one process, 3
rounds, best of each. Target: <= 3x.

A second figure (information, no target) is the export as `explorer export-cards`
makes it: the same cards with the app's timeline around each card's date and the
small map of its date (the hooks the command passes), interleaved in the same rounds.
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
from PySide6.QtWidgets import QApplication  # noqa: E402  (the timeline hook draws a widget)
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument  # noqa: E402

from common import figure  # noqa: E402
from explorer.core.loading import load_dataset  # noqa: E402
from explorer.export.cards import CardOptions, export_cards  # noqa: E402
from explorer.core.stances import stances_at  # noqa: E402
from explorer.qt_fonts import install_fonts  # noqa: E402
from explorer.resources import bundled_dataset  # noqa: E402

N = 1000
ROUNDS = 3


def plain_html(ds, ev) -> str:
    e = html.escape
    parts = [f"<h2>{e(ev.title)}</h2>", f"<p>{e(ev.date.display())}</p>", f"<p>{e(ev.summary)}</p>"]
    if ev.notes:
        parts.append(f"<p>{e(ev.notes)}</p>")
    if ev.names:
        parts.append("<p>" + "<br>".join(f"{e(k)}: {e(v)}" for k, v in ev.names.items()) + "</p>")
    parts.append("<ul>" + "".join(f"<li>{e(s.title)} {e(s.publisher)} {e(s.url)}</li>" for s in ev.sources)
                 + "</ul>")
    for st in stances_at(ds, ev.start):  # the same words as the card's positions, as plain paragraphs
        parts.append(f"<p>{e(st.name)}</p>")
        if st.position is not None:
            parts.append(f"<p>{e(st.position.stance)}</p>" + "".join(f"<p>{e(r)}</p>" for r in st.position.rationale))
    return "".join(parts)


def bare(ds, events, out: Path) -> None:
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
        doc.setHtml(plain_html(ds, ev))
        doc.drawContents(p)
    p.end()


def main() -> list[dict]:
    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    from explorer.ui.map.snapshot import card_map_hook
    from explorer.ui.print_view import timeline_painter

    ds = load_dataset(bundled_dataset())
    events = [ds.events[i % len(ds.events)] for i in range(N)]
    got = {"bare": [], "ours": [], "command": []}
    with tempfile.TemporaryDirectory() as d:
        for k in range(ROUNDS):
            t = time.perf_counter()
            bare(ds, events, Path(d) / f"bare{k}.pdf")
            got["bare"].append(time.perf_counter() - t)
            t = time.perf_counter()
            export_cards(ds, events, Path(d) / f"cards{k}.pdf", CardOptions())
            got["ours"].append(time.perf_counter() - t)
            t = time.perf_counter()  # as the command does it: a new timeline painter and map hook per export
            export_cards(ds, events, Path(d) / f"full{k}.pdf", CardOptions(), timeline=timeline_painter(ds),
                         map_hook=card_map_hook(ds))
            got["command"].append(time.perf_counter() - t)
    method = f"one process, {ROUNDS} interleaved rounds, best of each; same font and page setup"
    return [figure(f"export {N} cards (A4, 1 a page) vs bare QPdfWriter loop, plain HTML", got["ours"], got["bare"],
                   3.0, method=method),
            figure(f"export {N} cards as `explorer export-cards` does (timeline and map on each card) vs the same "
                   "bare loop", got["command"], got["bare"], None, method=method)]


if __name__ == "__main__":
    print(main())
