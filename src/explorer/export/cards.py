"""Event cards as a print-ready PDF, written with Qt's QPdfWriter.

Each card is a QTextDocument (vector text, fonts embedded as subsets, real
link annotations) under a painted strip that shows where the event sits. The
type is sized to the slot: one card a page uses the page (larger type, and the
event's context: the timeline around its date and the stance band on that
date); two or four a page shrink within limits to fit, and a card that still
does not fit continues in the next slot, "continued", broken between lines.
When the dataset has a map and the caller passes a map hook, each card also
carries a small map of who held and claimed each region on its date: beside the
timeline (one a page, with the map's own legend), or at the top right of the text,
which flows around it, with a key under it (two or four a page). The file is written to a temporary name next to the target and renamed only
when complete (core.output.atomic_path), so a failed or cancelled export leaves
nothing behind and never damages an existing file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPageSize, QPainter

from ..core.markup import short_title
from ..core.model import Dataset, Event
from ..core.output import ExportCancelled, ExportError, atomic_path
from ..core.stances import stances_at
from ..render.event_html import Look
from ..qt_fonts import install_fonts
from . import pages
from .band import context_range, paint_band, paint_span_strip, span_ticks
from .card_html import card_html
from .map_key import MapHook, paint_map_key
from .pages import MM, PAGE_SIZES, InertDocument, break_points_from
from .positions_object import Tables

# The type size factor of the cards (1.0: 10 pt body text) for a page size and cards per page:
# (smallest, usual, largest): the largest that fits the slot is used. A card that does not fit
# even in the smallest continues in the next slot, in the usual size if it takes two pages (one
# a page), or in the largest size up to the usual that fits two slots (two or four a page).
TYPE = {
    ("A4", 1): (0.92, 1.1, 1.35), ("A4", 2): (0.66, 0.86, 0.86), ("A4", 4): (0.62, 0.7, 0.7),
    ("Letter", 1): (0.92, 1.1, 1.35), ("Letter", 2): (0.66, 0.86, 0.86), ("Letter", 4): (0.62, 0.7, 0.7),
    ("A5", 1): (0.8, 0.9, 1.05), ("A5", 2): (0.66, 0.72, 0.72), ("A5", 4): (0.58, 0.6, 0.6),
    ("A6", 1): (0.64, 0.72, 0.85), ("A6", 2): (0.58, 0.62, 0.62), ("A6", 4): (0.55, 0.55, 0.55),
}
SCALE_STEP = 0.04
NARROW = 100 * MM  # a card narrower than this lists the sides' stances one under the other
TIMELINE_H = 48 * MM  # the timeline around a card's date (one card a page), at most a fifth of the page
MAP_W = 62 * MM  # the map beside the timeline (one card a page), at most a third of the width
SMALL_MAP_W = 38 * MM  # the map the text flows around (two or four a page), at most 36 % of the text's width
SMALL_MAP_LEAST = 24 * MM  # narrower than this, no small map
KEY_H = 14 * MM  # its key under it: the date and three lines (parties, hatching)

# Paints the timeline from `lo` to `hi` into `rect` of the painter (device pixels of 1/96 inch),
# `event` selected and the cursor on its date, and returns the x extent of its dates
# (left, right) so that the stance band can line up below it; None when it painted nothing.
# The commands and ui layers pass one in (ui/export_view.py): export/ cannot use widgets.
TimelinePainter = Callable[[QPainter, QRectF, float, float, "Event | None"], "tuple[float, float] | None"]


@dataclass
class CardOptions:
    page_size: str = "A4"
    per_page: int = 1
    positions: bool = True
    context: bool = True  # one card a page: the timeline around its date and the stance band
    map: bool = True  # a small map of the situation on the card's date (when the dataset has one)

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES:
            raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}")
        if self.per_page not in (1, 2, 4):
            raise ValueError("cards per page must be 1, 2 or 4")


class CardWriter:
    """Cards flowing through the slots of the pages; also the page machinery of the handout."""

    def __init__(self, ds: Dataset, path: str, options: CardOptions, timeline: TimelinePainter | None = None,
                 what: str = "event cards", map_hook: MapHook | None = None):
        self.ds = ds
        self.options = options
        self.timeline = timeline
        self.map_hook = map_hook if options.map and ds.geo is not None and ds.geo.regions else None
        self.path = path
        small_page = options.page_size in ("A5", "A6")
        self.margin = 10 if small_page else 15
        self.writer = pages.new_writer(path, ds, what, QPageSize(PAGE_SIZES[options.page_size]), self.margin)
        self.painter = QPainter()
        pages.begin(self.painter, self.writer, path)
        self.tables = Tables(self.writer)
        self.footer_h = 6 * MM
        self.gap = (8 if options.per_page > 1 else 0) * MM
        self.whole_pages = False  # True: one slot a page, whatever the cards per page (a handout's own pages)
        self.layout_page()
        self.slot_i = 0
        self.page_no = 1
        self.footer_text = ds.title
        self.last_scale = 1.0
        self._ticks: list[float] | None = None

    def layout_page(self) -> None:
        page = pages.page_rect(self.writer)
        self.page = QRectF(page.left(), page.top(), page.width(), page.height() - self.footer_h)
        self.slots = pages.slots(self.page, 1 if self.whole_pages else self.options.per_page, self.gap)

    # -- one card ----------------------------------------------------------------
    def card(self, ev: Event, lead: str = "", refs: dict | None = None) -> None:
        o = self.options
        pad = 5 * MM if o.per_page > 1 else 0
        slot = self.slots[0]
        width = slot.width() - 2 * pad
        top_h = self._top_height()
        avail = slot.height() - 2 * pad - top_h
        smallest, usual, largest = TYPE[(o.page_size, o.per_page)]
        built: dict[float, InertDocument] = {}  # each size's document is laid out once per card

        def at(scale: float) -> InertDocument:
            key = round(scale, 4)
            if key not in built:
                built[key] = self._document(ev, width, scale, lead, refs)
            return built[key]

        scale, doc = self._fit(at, avail, largest, smallest)
        if doc is None and o.per_page == 1:  # it takes two pages anyway: the usual size
            scale, doc = usual, at(usual)
        elif doc is None:  # it takes two slots anyway: the largest size that fits two
            two = (2 * avail + top_h - 8 * MM) * 0.92
            scale, doc = self._fit(at, two, usual, smallest)
            if doc is None:
                scale, doc = smallest, at(smallest)
        if doc.size().height() > avail and getattr(doc, "table_object", False):
            # cut across slots: with the table in the HTML (the same height), where a cut may fall
            # between its rows; as one line, a table about a slot tall could only be cut through
            doc = self._document(ev, width, scale, lead, refs, objects=False)
        self.last_scale = scale
        box = self._side_box()
        over = None
        if box is not None:
            where = pages.float_rect(doc)  # (its frame includes the margin on its left)
            if where is not None:
                where = QRectF(where.right() - box[0], where.top(), box[0], box[1])
                over = lambda x, y: self._side_map(where.translated(x, y), ev)  # noqa: E731
        self.flow(doc, top_h, lambda r: self._top(r, ev), short_title(ev.title), pad, over)

    def flow(self, doc: InertDocument, top_h: float, top: Callable[[QRectF], None] | None, title: str,
             pad: float = 0.0, over: Callable[[float, float], None] | None = None) -> None:
        """Lay `doc` out from the next slot on, `top_h` left free for `top(rect)` in the first;
        each further slot starts with "`title` (continued)". `over(x, y)`: drawn after the first
        part, with the document's origin at (x, y) (what goes in its floating box)."""
        first = True
        offset = 0.0
        while True:
            slot = self._next_slot()
            body = slot.adjusted(pad, pad, -pad, -pad)
            y = body.top()
            if first:
                if top is not None:
                    top(QRectF(body.left(), y, body.width(), top_h))
                y += top_h
            else:
                y += self._continued(QRectF(body.left(), y, body.width(), 5 * MM), title, self.last_scale)
            nxt = next(break_points_from(doc, offset, body.bottom() - y), None)
            end = nxt if nxt is not None else doc.size().height()
            pages.draw_part(self.painter, doc, body.left(), y, offset, end)
            if first and over is not None:
                over(body.left(), y)
            first = False
            if nxt is None:
                break
            offset = nxt

    @staticmethod
    def _fit(at: Callable[[float], InertDocument], avail: float, largest: float, smallest: float):
        """The largest type size, on the grid from `largest` down to `smallest` (SCALE_STEP apart),
        at which the card's text (`at(scale)`) is no taller than `avail`, and its document;
        (smallest, None) when none is. Coming down from the largest, each try is the size the
        heights measured so far predict to fit (a line through the last two; the first from
        h ~ s^1.4), then up again while a line says the size above fits: two or three layouts a
        card where stepping down took up to six."""
        steps = max(int(round((largest - smallest) / SCALE_STEP)), 0)
        grid = [round(largest - k * SCALE_STEP, 4) for k in range(steps)] + [smallest]
        seen: list[tuple[float, float]] = []  # (scale, height) of the sizes tried, all too tall
        k = 0
        while True:
            doc = at(grid[k])
            height = doc.size().height()
            while height <= avail:  # climb while the size above is untried and a line says it fits too
                if not seen or grid[k - 1] >= seen[-1][0]:
                    return grid[k], doc
                s1, h1 = seen[-1]
                if height + (h1 - height) * (grid[k - 1] - grid[k]) / (s1 - grid[k]) > avail:
                    return grid[k], doc
                up = at(grid[k - 1])
                if up.size().height() > avail:
                    return grid[k], doc
                k, doc, height = k - 1, up, up.size().height()
            if k == len(grid) - 1 or (k == 0 and height * (smallest / grid[0]) ** 2 > avail * 1.2):
                return smallest, None  # too long even in the smallest size (the height shrinks at most as s²)
            seen.append((grid[k], height))
            if len(seen) == 1:
                predicted = grid[k] * (avail / height) ** (1 / 1.4)
            else:
                (s1, h1), (s2, h2) = seen[-2], seen[-1]
                predicted = s2 - (h2 - avail) * (s1 - s2) / max(h1 - h2, 1e-6)
            k = max(k + 1, next((i for i, sc in enumerate(grid) if sc <= predicted + 1e-9), len(grid) - 1))

    def _document(self, ev: Event, width: float, scale: float, lead: str, refs: dict | None,
                  objects: bool = True) -> InertDocument:
        doc = pages.paper_document(self.writer, width, 10 * scale)
        narrow, box = width < NARROW, self._side_box()
        table = None  # the positions as a table laid out once for all the cards that print it (positions_object)
        if objects and self.options.positions and self.ds.side_ids and box is None:  # (a float beside it: in the HTML)
            stances = stances_at(self.ds, ev.start)
            if stances:
                look = Look(paper=True, scale=scale)
                table = self.tables.add(self.ds, stances, look, width, narrow)
        doc.setHtml(card_html(self.ds, ev, self.options.positions, scale, lead(scale) if callable(lead) else lead,
                              refs, narrow=narrow, side_box=box, table=table is None))
        if table is not None:
            self.tables.insert(doc, table)
            doc.table_object = True
        return doc

    def _sides(self) -> int:
        return len([s for s in self.ds.side_ids if s in self.ds.parties])

    def _timeline_h(self) -> float:
        return min(TIMELINE_H, self.page.height() / 5)

    def _context(self) -> bool:
        return self.options.per_page == 1 and self.options.context

    def _top_height(self) -> float:
        if self._context():
            band = self._sides() * 5.5 * MM
            high = (self._timeline_h() if self.timeline is not None else 10 * MM) + band + 6 * MM
            return max(high, self._map_w() * 0.85 + 4 * MM) if self.map_hook is not None else high
        return 9 * MM + 2 * MM

    def _map_w(self) -> float:
        """Width of the map beside the timeline (one card a page)."""
        return min(MAP_W, self.slots[0].width() / 3)

    def _side_box(self) -> tuple[float, float] | None:
        """(width, height) of the box the card's text flows around at its top right, for the small
        map and its key (two or four a page, or one without its context); None: no map there."""
        if self.map_hook is None or self._context():
            return None
        w = min(SMALL_MAP_W, (self.slots[0].width() - (10 * MM if self.options.per_page > 1 else 0)) * 0.36)
        if w < SMALL_MAP_LEAST:  # four A6 cards a page: a thumbnail, its key cut to "Tok…"; none
            return None
        return w, w * 0.95 + KEY_H

    def _side_map(self, box: QRectF, ev: Event) -> None:
        """The small map in the floating box, its key under it."""
        map_h = box.width() * 0.95
        self.map_hook(self.painter, QRectF(box.left(), box.top(), box.width(), map_h), ev.start, (), False)
        paint_map_key(self.painter, QRectF(box.left(), box.top() + map_h + 1 * MM, box.width(), KEY_H - 1 * MM),
                      self.ds, ev.start, MM, font_pt=6)

    def _top(self, r: QRectF, ev: Event) -> None:
        """Above the card: the timeline around its date and the stance band (one a page), or
        where it sits in the whole span (two or four a page); the map on its date to the right."""
        if self._ticks is None:
            self._ticks = span_ticks(self.ds)
        regions = ()  # no region outlined: on paper a dark rim would read as a party's colour
        if not self._context():  # (the small map is in the text's floating box: _side_map)
            paint_span_strip(self.painter, QRectF(r.left(), r.top(), r.width(), 9 * MM), self.ds, ev, MM, self._ticks)
            return
        if self.map_hook is not None:
            w = self._map_w()
            self.map_hook(self.painter, QRectF(r.right() - w, r.top(), w, r.height() - 4 * MM), ev.start, regions, True)
            r = QRectF(r.left(), r.top(), r.width() - w - 4 * MM, r.height())
        lo, hi = context_range(self.ds, ev)
        band_h = self._sides() * 5.5 * MM
        extent = None
        if self.timeline is not None:
            extent = self.timeline(self.painter, QRectF(r.left(), r.top(), r.width(), self._timeline_h()), lo, hi, ev)
            band_top = r.top() + self._timeline_h()
        else:
            paint_span_strip(self.painter, QRectF(r.left(), r.top(), r.width(), 9 * MM), self.ds, ev, MM, self._ticks)
            band_top = r.top() + 10 * MM
        left, right = extent if extent is not None else (None, None)
        paint_band(self.painter, QRectF(r.left(), band_top, r.width(), band_h), self.ds, lo, hi, ev.start,
                   data_left=left, data_right=right, unit=MM, font_pt=7)

    def _next_slot(self) -> QRectF:
        if self.slot_i == len(self.slots):
            self.new_page()
        slot = self.slots[self.slot_i]
        if len(self.slots) > 1:
            pages.cut_marks(self.painter, slot, self.gap)
        self.slot_i += 1
        return slot

    def new_page(self, landscape: bool | None = None, whole: bool | None = None) -> None:
        """Finish this page and start the next (turned when `landscape` says so; `whole`: one
        slot a page from now on, or back to the cards' slots)."""
        from PySide6.QtGui import QPageLayout

        self.finish_page()
        if whole is not None:
            self.whole_pages = whole
        if landscape is not None:
            self.writer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                           else QPageLayout.Orientation.Portrait)
        if not self.writer.newPage():
            raise ExportError(f"cannot write {self.path}: a new page could not be started")
        self.layout_page()
        self.page_no += 1
        self.slot_i = 0

    def _continued(self, r: QRectF, title: str, scale: float) -> float:
        f = QFont()
        f.setPointSizeF(max(7.0, 8 * scale))
        f.setItalic(True)
        self.painter.setFont(f)
        self.painter.setPen(QColor("#555"))
        text = self.painter.fontMetrics().elidedText(f"{title} (continued)",
                                                     Qt.TextElideMode.ElideMiddle, int(r.width()))
        self.painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        return self.painter.fontMetrics().height() + 1.5 * MM

    def finish_page(self) -> None:
        pages.footer(self.painter, self.page, self.footer_h, self.footer_text, f"Page {self.page_no}")

    def close(self) -> None:
        self.finish_page()
        self.painter.end()


_Writer = CardWriter  # its former name


def export_cards(ds: Dataset, events: list[Event], out: str | os.PathLike, options: CardOptions | None = None,
                 progress: Callable[[int, int], bool] | None = None, protect: tuple = (),
                 timeline: TimelinePainter | None = None, map_hook: MapHook | None = None) -> int:
    """Write `events` as cards to `out`; returns the page count.

    `progress(done, total)` may return False to cancel (raises ExportCancelled);
    `protect`: paths the output must not be inside or over (the dataset read);
    `timeline`: paints the timeline around each card's date (one card a page);
    `map_hook`: paints the dataset's map on a card's date (when `options.map`)."""
    options = options or CardOptions()
    if not events:
        raise ExportError("no events to export")
    app = QGuiApplication.instance()
    if app is not None:
        install_fonts(app)  # Japanese and Cyrillic glyphs even without system CJK fonts
    with atomic_path(out, protect) as tmp:
        w = CardWriter(ds, str(tmp), options, timeline, map_hook=map_hook)
        try:
            for i, ev in enumerate(events):
                if progress is not None and progress(i, len(events)) is False:
                    raise ExportCancelled("export cancelled")
                w.card(ev)
        finally:
            w.close()
        pages_written = w.page_no
        if progress is not None and progress(len(events), len(events)) is False:
            raise ExportCancelled("export cancelled")
        if not pages.complete_pdf(str(tmp)):
            raise ExportError(f"cannot write {out}: the PDF could not be written completely (disk full?)")
    return pages_written


__all__ = ["CardOptions", "CardWriter", "ExportError", "ExportCancelled", "export_cards", "InertDocument", "PAGE_SIZES",
           "break_points_from", "card_html", "MapHook", "TimelinePainter"]
