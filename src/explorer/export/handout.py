"""A class handout as a PDF: a cover with the dataset's question and introduction, the whole
span on one page with the stance band and the story's steps marked, the steps in order as
cards, then every source cited, numbered as the cards cite them.

QtGui only, like the cards: the timeline picture comes from a `TimelinePainter` that the
commands and ui layers pass in (without one, the page shows the span strip and the band).
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPen

from .. import __version__
from ..core.dates import civil_from_days, year_label
from ..core.markup import short_title, to_html
from ..core.model import Dataset, Event, Source
from ..core.output import ExportCancelled, ExportError, atomic_path
from ..qt_fonts import install_fonts
from ..render.event_html import Look
from ..render.html import INK, esc, source_item
from . import pages
from .band import CURSOR, paint_band, paint_span_strip, span_of, span_ticks
from .card_html import MUTED, lead_html
from .cards import CardOptions, CardWriter, TimelinePainter
from .map_key import MapHook
from .pages import MM


def story_events(ds: Dataset, story: int = 0) -> list[tuple[str, Event]]:
    """(narrative, event) of each step of the story whose event exists."""
    if not ds.stories:
        raise ExportError("this dataset has no story: a handout follows the story's steps")
    if not 0 <= story < len(ds.stories):
        raise ExportError(f"there is no story {story + 1} (the dataset has {len(ds.stories)})")
    out = []
    for step in ds.stories[story].steps:
        ev = ds.event(step.event)
        if ev is not None:
            out.append((step.narrative, ev))
    if not out:
        raise ExportError("the story's steps name no event of the dataset")
    return out


def number_sources(events: list[Event]) -> dict[tuple[str, str], int]:
    """Each distinct source (title, url) of `events`, numbered in the order first cited."""
    refs: dict[tuple[str, str], int] = {}
    for ev in events:
        for s in ev.details().sources:
            refs.setdefault((s.title, s.url), len(refs) + 1)
    return refs


def year_range(lo: float, hi: float) -> str:
    return f"{year_label(civil_from_days(int(lo))[0])}–{year_label(civil_from_days(int(hi))[0])}"


def cover_html(ds: Dataset, steps: list[tuple[str, Event]], title: str, scale: float) -> str:
    look = Look(paper=True, scale=scale)
    items = "".join(f"<li><b>{esc(ev.date.display())}</b> — {esc(short_title(ev.title))}</li>" for _, ev in steps)
    credit = ", ".join(ds.authors)
    credit = (f"By {esc(credit)}. " if credit else "") + (f"Licence: {esc(ds.license)}. " if ds.license else "")
    return (f"<div style='font-size:{look.pt(11.5)}; color:{INK}'>"
            f"<p style='margin:0; color:{MUTED}; font-size:{look.pt(9)}'><b>CLASS HANDOUT · {esc(ds.title).upper()}</b></p>"
            f"<p style='margin-top:{look.pt(10)}; font-size:{look.pt(22)}'><b>{esc(ds.question or ds.title)}</b></p>"
            f"{to_html(ds.introduction or ds.description)}"
            f"<p style='margin-top:{look.pt(12)}; color:{MUTED}; font-size:{look.pt(9)}'>"
            f"<b>{esc(title).upper()} — THE STORY IN {len(steps)} STEPS</b></p>"
            f"<ol style='margin-top:0'>{items}</ol>"
            f"<p style='margin-top:{look.pt(12)}'>Next: the whole span on one page, each side's stance under it and "
            f"the steps marked; then one card for each step — what happened, what each side held on that "
            f"date and why, and a common mistake where there is one. The sources the cards cite by number "
            f"are listed at the end.</p>"
            f"<p style='margin-top:{look.pt(10)}; color:{MUTED}; font-size:{look.pt(8.5)}'>{credit}"
            f"Made with Explorer {esc(__version__)}.</p></div>")


def sources_html(refs: dict[tuple[str, str], Source]) -> str:
    look = Look(paper=True)
    items = "".join(source_item(s, MUTED, print_url=True) for s in refs.values())
    return (f"<div style='font-size:{look.pt(9.5)}; color:{INK}'><p style='margin:0; font-size:{look.pt(14)}'>"
            f"<b>Sources</b></p><p style='color:{MUTED}'>Numbered as the cards cite them.</p>"
            f"<ol style='margin-top:0'>{items}</ol></div>")


def paint_steps(p, r: QRectF, steps: list[tuple[str, Event]], lo: float, hi: float, left: float, right: float) -> None:
    """The story's steps as numbered discs at their dates, in rows where they would overlap."""
    radius = 2.4 * MM
    font = QFont()
    font.setPointSizeF(6.5)
    font.setBold(True)
    p.save()
    p.setFont(font)
    rows: list[float] = []
    for n, (_narrative, ev) in enumerate(steps, 1):
        x = left + (ev.start - lo) / (hi - lo) * (right - left)
        row = next((k for k, end in enumerate(rows) if x - radius > end + 0.4 * MM), None)
        if row is None:
            row = len(rows)
            rows.append(-1e9)
        rows[row] = x + radius
        y = r.top() + radius + row * (2 * radius + 0.6 * MM)
        if y + radius > r.bottom():
            y = r.bottom() - radius
        p.setPen(QPen(QColor(CURSOR), 0.3 * MM))
        p.drawLine(QPointF(x, y + radius), QPointF(x, r.bottom()))
        p.setBrush(QColor(CURSOR))
        p.drawEllipse(QPointF(x, y), radius, radius)
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(x - radius, y - radius, 2 * radius, 2 * radius), Qt.AlignmentFlag.AlignCenter, str(n))
    p.restore()


def _text(w: CardWriter, r: QRectF, text: str, size: float, bold: bool = False, color: str = INK) -> float:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    w.painter.setFont(f)
    w.painter.setPen(QColor(color))
    w.painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
    return w.painter.fontMetrics().height()


def _cover(w: CardWriter, ds: Dataset, steps: list[tuple[str, Event]], title: str) -> None:
    page = w.page
    scale = 1.25
    while True:  # the cover is one page: the largest type that fits (down to 70%)
        doc = pages.paper_document(w.writer, page.width(), 11.5 * scale)
        doc.setHtml(cover_html(ds, steps, title, scale))
        if doc.size().height() <= page.height() or scale <= 0.7:
            break
        scale -= 0.05
    pages.draw_part(w.painter, doc, page.left(), page.top(), 0, min(doc.size().height(), page.height()))


def _whole_span(w: CardWriter, ds: Dataset, steps: list[tuple[str, Event]], timeline: TimelinePainter | None) -> None:
    page = w.page
    lo, hi = span_of(ds)
    lo, hi = lo - (hi - lo) * 0.01, hi + (hi - lo) * 0.07  # room right of the last markers for their titles
    y = page.top()
    y += _text(w, QRectF(page.left(), y, page.width(), 12 * MM), f"The whole span at a glance, {year_range(*span_of(ds))}",
               14, bold=True) + 1 * MM
    y += _text(w, QRectF(page.left(), y, page.width(), 8 * MM),
               "Every event on its lane; the red discs are the story's steps; under them, each side's stance "
               "over time (one shade per stance, the words cut to fit).", 8.5, color=MUTED) + 3 * MM
    sides = len([s for s in ds.side_ids if s in ds.parties])
    band_h = sides * 7 * MM
    steps_h = 12 * MM
    tl_h = page.bottom() - y - steps_h - band_h - 2 * MM
    rect = QRectF(page.left(), y, page.width(), tl_h)
    extent = timeline(w.painter, rect, lo, hi, None) if timeline is not None else None
    if extent is None:
        strip = QRectF(page.left(), y, page.width(), 9 * MM)
        paint_span_strip(w.painter, strip, ds, steps[0][1], MM, span_ticks(ds))
        extent = (strip.left(), strip.right())
    left, right = extent
    steps_r = QRectF(page.left(), rect.bottom() + 1 * MM, page.width(), steps_h)
    paint_steps(w.painter, steps_r, steps, lo, hi, left, right)
    paint_band(w.painter, QRectF(page.left(), steps_r.bottom() + 1 * MM, page.width(), band_h), ds, lo, hi, None,
               data_left=left, data_right=right, unit=MM, font_pt=7)


def export_handout(ds: Dataset, out: str | os.PathLike, options: CardOptions | None = None,
                   timeline: TimelinePainter | None = None, progress: Callable[[int, int], bool] | None = None,
                   protect: tuple = (), story: int = 0, map_hook: MapHook | None = None) -> int:
    """Write the class handout of story `story` to `out`; returns the page count.

    `options`: the cards' page size and cards per page (one by default: each step with its context); `timeline`: paints
    the timeline (ui/print_view.timeline_painter); `map_hook`: the small map on each step's card
    (ui/map/snapshot.card_map_hook); `progress(done, total)` may return False
    to cancel; `protect`: paths the output must not be inside or over."""
    options = options or CardOptions()
    steps = story_events(ds, story)
    title = ds.stories[story].title
    events = [ev for _, ev in steps]
    refs = number_sources(events)
    sources = {}
    for ev in events:
        for s in ev.details().sources:
            sources.setdefault((s.title, s.url), s)
    app = QGuiApplication.instance()
    if app is not None:
        install_fonts(app)
    total = len(steps) + 2
    with atomic_path(out, protect) as tmp:
        w = CardWriter(ds, str(tmp), options, timeline, what="class handout", map_hook=map_hook)
        w.footer_text = f"{ds.title} — class handout"
        try:
            w.whole_pages = True
            w.layout_page()
            _cover(w, ds, steps, title)
            w.new_page(landscape=True)
            _whole_span(w, ds, steps, timeline)
            w.new_page(landscape=False, whole=False)
            w.slot_i = 0
            for i, (narrative, ev) in enumerate(steps):
                if progress is not None and progress(i, total) is False:
                    raise ExportCancelled("export cancelled")
                label = f"Step {i + 1} of {len(steps)} · {ev.date.display()}"
                w.card(ev, lead=lambda scale, n=narrative, lb=label: lead_html(n, lb.upper(), Look(paper=True, scale=scale)),
                       refs=refs)
            if sources:
                w.new_page(whole=True)
                w.slot_i = 0
                doc = pages.paper_document(w.writer, w.page.width(), 9.5)
                doc.setHtml(sources_html(sources))
                w.last_scale = 1.0
                w.flow(doc, 0.0, None, "Sources")
        finally:
            w.close()
        count = w.page_no
        if progress is not None and progress(total, total) is False:
            raise ExportCancelled("export cancelled")
        if not pages.complete_pdf(str(tmp)):
            raise ExportError(f"cannot write {out}: the PDF could not be written completely (disk full?)")
    return count


__all__ = ["export_handout", "story_events", "number_sources"]
