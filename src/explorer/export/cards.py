"""Event cards as a print-ready PDF, written with Qt's QPdfWriter.

Each card is a QTextDocument (vector text, fonts embedded as subsets, real
link annotations) plus a painted strip that shows where the event sits on
the whole timeline. Cards that do not fit their slot continue in the next
slot, broken between lines. The file is written to a temporary name next to
the target and renamed only when complete, so a failed or cancelled export
leaves nothing behind and never damages an existing file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QFont, QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument,
)

from .. import __version__
from ..core.markup import short_title
from ..core.model import Dataset, Event
from ..core.output import ExportCancelled, ExportError, atomic_path
from ..core.stances import stances_at
from ..render.event_html import Look, event_html
from ..render.html import esc
from ..qt_fonts import install_fonts

MUTED = "#4d5461"  # secondary text on paper: 7.6:1 on white

PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter,
    "A5": QPageSize.PageSizeId.A5, "A6": QPageSize.PageSizeId.A6,
}
DPI = 300


@dataclass
class CardOptions:
    page_size: str = "A4"
    per_page: int = 1
    positions: bool = True

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}")
        if self.per_page not in (1, 2, 4):
            raise ValueError("cards per page must be 1, 2 or 4")


class InertDocument(QTextDocument):
    """A text document that never loads images or stylesheets (files or network).

    Card HTML escapes all dataset text, so nothing should ask; this is the second lock."""

    refused: list[str] = []  # shared record, for tests

    def loadResource(self, kind: int, url):  # noqa: N802 (Qt API)
        InertDocument.refused.append(url.toString())
        return None


def card_html(ds: Dataset, ev: Event, options: CardOptions, scale: float) -> str:
    """The card body (`render.event_html` on paper) and both sides' stances on its date; `scale` < 1 for small cards."""
    look = Look(paper=True, scale=scale)
    parts = [f"<div style='font-size:{look.pt(10)}'>", event_html(ds, ev, look)]
    if options.positions and ds.side_ids:
        cells = []
        for s in stances_at(ds, ev.start):
            party = ds.parties[s.party]
            head = f"<b style='color:{party.color}'>{esc(s.name)}</b>"
            pos = s.position
            if pos is None:
                body = f"<i style='color:{MUTED}'>No recorded stance at this date.</i>"
            else:
                set_by = f", set by <i>{esc(short_title(s.set_by.title))}</i>" if s.set_by else ""
                points = "".join(f"<li>{esc(r)}</li>" for r in pos.rationale)
                before = (f"<br><span style='color:{MUTED}'>Before that: {esc(s.previous.stance)}</span>"
                          if s.previous is not None else "")
                body = (f"<span style='color:{MUTED}; font-size:{look.pt(8)}'>since {esc(pos.since.display())}{set_by}</span><br>"
                        f"<b>{esc(pos.stance)}</b><ul style='margin:0'>{points}</ul>{before}")
            cells.append(f"<td width='{100 // len(ds.side_ids)}%' valign='top' style='padding:{look.pt(5)};"
                         f" border:1px solid #9aa0a8'>{head}<br>{body}</td>")
        parts.append(f"<p style='margin:{look.pt(6)} 0 {look.pt(2)} 0; color:{MUTED}; font-size:{look.pt(9)}'>"
                     f"<b>POSITIONS ON THIS DATE</b></p><table width='100%' cellspacing='0' cellpadding='0'"
                     f" style='border-collapse:collapse; font-size:{look.pt(9)}'><tr>{''.join(cells)}</tr></table>")
    parts.append("</div>")
    return "".join(parts)


def slots(page: QRectF, per_page: int, gap: float) -> list[QRectF]:
    if per_page == 1:
        return [page]
    if per_page == 2:
        h = (page.height() - gap) / 2
        return [QRectF(page.left(), page.top(), page.width(), h),
                QRectF(page.left(), page.top() + h + gap, page.width(), h)]
    w = (page.width() - gap) / 2
    h = (page.height() - gap) / 2
    return [QRectF(page.left() + (w + gap) * c, page.top() + (h + gap) * r, w, h) for r in (0, 1) for c in (0, 1)]


class _Writer:
    def __init__(self, ds: Dataset, path: str, options: CardOptions):
        self.ds = ds
        self.options = options
        w = QPdfWriter(path)
        w.setResolution(DPI)
        w.setPageSize(QPageSize(PAGE_SIZES[options.page_size]))
        small_page = options.page_size in ("A5", "A6")
        margin = 10 if small_page else 15
        w.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)
        w.setTitle(f"{ds.title} — event cards")
        w.setCreator(f"Explorer {__version__}")
        w.setAuthor(", ".join(ds.authors) or "Explorer")
        w.setDocumentXmpMetadata(_xmp(ds).encode("utf-8"))
        self.writer = w
        self.painter = QPainter()
        if not self.painter.begin(w):
            raise ExportError(f"cannot write a PDF to {path}")
        self.mm = DPI / 25.4
        page = QRectF(w.pageLayout().paintRectPixels(DPI))
        page.moveTo(0, 0)
        self.footer_h = 6 * self.mm
        self.page = QRectF(page.left(), page.top(), page.width(), page.height() - self.footer_h)
        self.gap = (8 if options.per_page > 1 else 0) * self.mm
        self.slots = slots(self.page, options.per_page, self.gap)
        area = self.slots[0].width() * self.slots[0].height()
        full = self.page.width() * self.page.height()
        self.scale = max(0.62, min(1.0, (area / full) ** 0.5 * 1.25)) if options.page_size == "A4" or options.per_page > 1 else 1.0
        if options.page_size == "A6":
            self.scale = min(self.scale, 0.72 if options.per_page == 1 else 0.62)
        elif options.page_size == "A5":
            self.scale = min(self.scale, 0.85 if options.per_page == 1 else 0.66)
        self.slot_i = 0
        self.page_no = 1
        span = ds.span()
        self.span = (span[0] - 30, span[1] + 30)
        self._ticks: list[float] | None = None

    # -- one card ----------------------------------------------------------------
    def card(self, ev: Event) -> None:
        doc = InertDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        font = QFont()
        font.setPointSizeF(10 * self.scale)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        inner = self.slots[0].width() - (2 * 5 * self.mm if self.options.per_page > 1 else 0)
        doc.setTextWidth(inner)
        doc.setHtml(card_html(self.ds, ev, self.options, self.scale))
        strip_h = 9 * self.mm * max(self.scale, 0.8)
        cont_h = 5 * self.mm
        first = True
        offset = 0.0
        while True:
            slot = self._next_slot()
            pad = 5 * self.mm if self.options.per_page > 1 else 0
            body = slot.adjusted(pad, pad, -pad, -pad)
            top = body.top()
            if first:
                self._strip(QRectF(body.left(), top, body.width(), strip_h), ev)
                top += strip_h + 2 * self.mm
            else:
                self._continued(QRectF(body.left(), top, body.width(), cont_h), ev)
                top += cont_h
            avail = body.bottom() - top
            nxt = next((c for c in break_points_from(doc, offset, avail)), None)
            end = nxt if nxt is not None else doc.size().height()
            self.painter.save()
            self.painter.translate(body.left(), top - offset)
            doc.drawContents(self.painter, QRectF(0, offset, body.width(), end - offset))
            self.painter.restore()
            first = False
            if nxt is None:
                break
            offset = nxt

    def _next_slot(self) -> QRectF:
        if self.slot_i == len(self.slots):
            self._finish_page()
            self.writer.newPage()
            self.page_no += 1
            self.slot_i = 0
        slot = self.slots[self.slot_i]
        if self.options.per_page > 1:
            self._cut_marks(slot)
        self.slot_i += 1
        return slot

    def _strip(self, r: QRectF, ev: Event) -> None:
        p = self.painter
        lo, hi = self.span
        def x(day: float) -> float:
            return r.left() + (day - lo) / (hi - lo) * r.width()
        mid = r.top() + r.height() * 0.45
        for era in self.ds.eras:
            a, b = max(era.date.start, lo), min(era.date.end, hi)
            if b > a:
                c = QColor(era.color)
                p.fillRect(QRectF(x(a), mid - r.height() * 0.22, x(b) - x(a), r.height() * 0.44), c)
        p.setPen(QPen(QColor("#999"), 0.25 * self.mm))
        p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid))
        p.setPen(QPen(QColor("#888"), 0.15 * self.mm))
        for xo in self._strip_ticks(x):  # one tick per occupied bin, however many events
            p.drawLine(QPointF(xo, mid - 0.8 * self.mm), QPointF(xo, mid + 0.8 * self.mm))
        color = QColor("#d62728")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        x0, x1 = x(ev.start), x(ev.end)
        if x1 - x0 > 1.2 * self.mm:
            p.drawRect(QRectF(x0, mid - 0.9 * self.mm, x1 - x0, 1.8 * self.mm))
        p.drawEllipse(QPointF((x0 + x1) / 2 if not ev.is_interval else x0, mid), 1.3 * self.mm, 1.3 * self.mm)
        f = QFont()
        f.setPointSizeF(6.5)
        p.setFont(f)
        p.setPen(QColor("#555"))
        from ..core.dates import civil_from_days, year_label
        p.drawText(QRectF(r.left(), mid + 1.2 * self.mm, r.width() / 2, r.height() / 2), Qt.AlignmentFlag.AlignLeft,
                   year_label(civil_from_days(int(lo + 30))[0]))
        p.drawText(QRectF(r.center().x(), mid + 1.2 * self.mm, r.width() / 2, r.height() / 2), Qt.AlignmentFlag.AlignRight,
                   year_label(civil_from_days(int(hi - 30))[0]))

    def _strip_ticks(self, x) -> list[float]:
        if self._ticks is None:
            import numpy as np

            lo, hi = self.span
            starts = np.fromiter((e.start for e in self.ds.events), dtype=np.float64, count=len(self.ds.events))
            counts, edges = np.histogram(starts, bins=240, range=(lo, hi))
            self._ticks = [float(e) for e, c in zip(edges[:-1], counts) if c]
        return [x(t) for t in self._ticks]

    def _continued(self, r: QRectF, ev: Event) -> None:
        f = QFont()
        f.setPointSizeF(8)
        f.setItalic(True)
        self.painter.setFont(f)
        self.painter.setPen(QColor("#666"))
        self.painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, f"{short_title(ev.title)} (continued)")

    def _cut_marks(self, slot: QRectF) -> None:
        p = self.painter
        p.setPen(QPen(QColor("#777"), 0.1 * self.mm))
        m = 3 * self.mm
        g = self.gap / 2
        for cx in (slot.left() - g, slot.right() + g):
            for cy in (slot.top() - g, slot.bottom() + g):
                p.drawLine(QPointF(cx - m / 2, cy), QPointF(cx + m / 2, cy))
                p.drawLine(QPointF(cx, cy - m / 2), QPointF(cx, cy + m / 2))

    def _finish_page(self) -> None:
        p = self.painter
        f = QFont()
        f.setPointSizeF(7.5)
        p.setFont(f)
        p.setPen(QColor("#666"))
        r = QRectF(self.page.left(), self.page.bottom() + 1.5 * self.mm, self.page.width(), self.footer_h)
        p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.ds.title)
        p.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {self.page_no}")

    def close(self) -> None:
        self._finish_page()
        self.painter.end()


def break_points_from(doc: QTextDocument, offset: float, avail: float):
    """The next cut after `offset`, or nothing when the rest fits."""
    lay = doc.documentLayout()
    total = doc.size().height()
    if total - offset <= avail:
        return
    lines: list[tuple[float, float]] = []
    headings: set[float] = set()  # never cut right after a section heading ("SOURCES"): it goes with its list
    block = doc.begin()
    while block.isValid():
        rect = lay.blockBoundingRect(block)
        tl = block.layout()
        for i in range(tl.lineCount()):
            ln = tl.lineAt(i)
            y0 = rect.top() + ln.y()
            lines.append((y0, y0 + ln.height()))
        text = block.text().strip()
        if tl.lineCount() and text and text.isupper() and len(text) < 40:
            headings.add(lines[-1][1])
        block = block.next()
    limit = offset + avail
    candidates = [y1 for _, y1 in lines if offset < y1 <= limit and y1 not in headings
                  and not any(a < y1 < b for a, b in lines)]
    yield max(candidates) if candidates else limit


def _xmp(ds: Dataset) -> str:
    from xml.sax.saxutils import escape

    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(ds.title)} — event cards</rdf:li></rdf:Alt></dc:title>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(ds.description)}</rdf:li></rdf:Alt></dc:description>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def _complete_pdf(path: str) -> bool:
    """A write error leaves a truncated file: a finished PDF ends with %%EOF."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return size > 0 and b"%%EOF" in tail


def export_cards(ds: Dataset, events: list[Event], out: str | os.PathLike, options: CardOptions | None = None,
                 progress: Callable[[int, int], bool] | None = None, protect: tuple = ()) -> int:
    """Write `events` as cards to `out`; returns the page count.

    `progress(done, total)` may return False to cancel (raises ExportCancelled);
    `protect`: paths the output must not be inside or over (the dataset read)."""
    options = options or CardOptions()
    if not events:
        raise ExportError("no events to export")
    app = QGuiApplication.instance()
    if app is not None:
        install_fonts(app)  # Japanese and Cyrillic glyphs even without system CJK fonts
    with atomic_path(out, protect) as tmp:
        w = _Writer(ds, str(tmp), options)
        try:
            for i, ev in enumerate(events):
                if progress is not None and progress(i, len(events)) is False:
                    raise ExportCancelled("export cancelled")
                w.card(ev)
        finally:
            w.close()
        pages = w.page_no
        if progress is not None and progress(len(events), len(events)) is False:
            raise ExportCancelled("export cancelled")
        if not _complete_pdf(str(tmp)):
            raise ExportError(f"cannot write {out}: the PDF could not be written completely (disk full?)")
    return pages


__all__ = ["CardOptions", "ExportError", "ExportCancelled", "export_cards", "QSizeF"]
