"""Text on the timeline: event titles, the relation tags of related events, cluster badges,
and the label of the hovered event drawn over everything.

Titles are drawn with `drawText` the first time a frame shows them and kept as
a `QStaticText` from the second (a static text costs about twice a `drawText`
to make, then draws in half its time: while panning, most labels are seen in
one or two frames only). Shortened titles go in steps of a few pixels so they
can be cached too. Every label sits on a soft halo of the plot's colour, so
lines under it (the joins to other parties, relation arcs, grid) never cut
through the letters.
"""

from __future__ import annotations

import re
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QStaticText, QTransform

from ...core.markup import short_title
from .frame_plan import Badge, FramePlan, Label

ELIDE_STEP_PX = 6
# text that may need a fallback font (Cyrillic, CJK…): its line is as tall as that font's, which only
# a laid-out text knows; such labels are always drawn as static texts (Latin letters and accents,
# punctuation and dashes draw identically either way: tests/ui/test_timeline_text_drawing.py; IPA and
# spacing modifiers, whose glyphs a UI font may lack, and the line separators go the static way)
_OTHER_SCRIPT = re.compile("[^\x00-\u024f\u0300-\u036f\u2000-\u2027\u202a-\u206f]")
MAX_CACHED = 20_000


class _Text:
    """One label's text: drawn plain the first time, as a prepared static text from the second."""

    __slots__ = ("text", "width", "static")

    def __init__(self, text: str, width: float | None):
        self.text, self.width = text, width  # width None: not measured yet (see LabelPainter._width)
        self.static: QStaticText | bool | None = None  # None: never drawn; False: drawn once


class LabelPainter:
    def __init__(self, font: QFont, badge_font: QFont, measure=None):
        """`measure(ds, ei)`: the width of an event's short title in `font` (default: measured here;
        the timeline passes its planner's, which has measured the titles in view already)."""
        self.font, self.badge_font = font, badge_font
        self.fm = QFontMetricsF(font)
        self.ascent = self.fm.ascent()
        self.measure = measure
        self.colors = {"text": QColor("#222"), "halo": QColor(255, 255, 255, 215), "arrow": QColor("#333"),
                       "highlight": QColor("#2f6fbf"), "highlight_text": QColor("#fff"),
                       "badge": QColor("#f3f4f6")}
        self._titles: dict[int, _Text] = {}
        self._elided: dict[tuple[int, float], _Text] = {}
        self._tags: dict[str, QStaticText] = {}

    def clear(self) -> None:
        self._titles, self._elided = {}, {}

    # -- text --------------------------------------------------------------------------
    def _static(self, text: str, font: QFont) -> QStaticText:
        # a line separator (U+2028, from a data file) would break a static text's line, the label's
        # second line falling over the row below; drawText and the widths measured draw it as nothing
        static = QStaticText(text.replace("\u2028", "\u200b"))
        static.setTextFormat(Qt.TextFormat.PlainText)  # never rich text from a data file
        static.prepare(QTransform(), font)
        return static

    def _title(self, ds, ei: int) -> _Text:
        cached = self._titles.get(ei)
        if cached is None:
            if len(self._titles) >= MAX_CACHED:
                self._titles.clear()
            title = short_title(ds.events[ei].title)
            w = self.measure(ds, ei) if self.measure is not None else self.fm.horizontalAdvance(title)
            cached = self._titles[ei] = _Text(title, w)
        return cached

    def _fitted(self, ds, ei: int, room: float) -> _Text:
        t = self._title(ds, ei)
        if t.width <= room:
            return t
        room -= room % ELIDE_STEP_PX
        key = (ei, room)
        cached = self._elided.get(key)
        if cached is None:
            if len(self._elided) >= MAX_CACHED:
                self._elided.clear()
            text = self.fm.elidedText(t.text, Qt.TextElideMode.ElideRight, room)
            cached = self._elided[key] = _Text(text, None)  # (a plain label's halo has the plan's width)
        return cached

    def _width(self, t: _Text) -> float:
        if t.width is None:
            t.width = self.fm.horizontalAdvance(t.text)
        return t.width

    def _draw(self, p, x: float, y: float, t: _Text) -> None:
        """`t` in the label font with its top-left at (x, y); plain text either way (QPainter.drawText
        never reads markup)."""
        st = t.static
        if st is None:
            t.static = False
            if _OTHER_SCRIPT.search(t.text):
                st = t.static = self._static(t.text, self.font)
                p.drawStaticText(QPointF(x, y), st)
                return
            p.drawText(QPointF(x, y + self.ascent), t.text)
            return
        if st is False:
            st = t.static = self._static(t.text, self.font)
        p.drawStaticText(QPointF(x, y), st)

    def _tag(self, tag: str) -> QStaticText:
        s = self._tags.get(tag)
        if s is None:
            s = self._tags[tag] = self._static(tag, self.badge_font)
        return s

    # -- painting ------------------------------------------------------------------------
    def labels(self, p, ds, plan: FramePlan, selected_color: QColor | None = None) -> None:
        lh = self.fm.height()
        halo = self.colors["halo"]
        p.setFont(self.font)
        for lab in plan.labels:  # halos first (plain rectangles: fast), then the text in one pen
            if lab.kind == 0:
                p.fillRect(QRectF(lab.x - 2, lab.y + 1, lab.w + 4, lh - 2), halo)
        p.setPen(self.colors["text"])
        for lab in plan.labels:
            if lab.kind == 0:
                self._draw(p, lab.x, lab.y, self._fitted(ds, lab.event, lab.w))
        for lab in plan.labels:
            if lab.kind == 1:
                self.selected_label(p, ds, lab)
            elif lab.kind == 2:
                self.related_label(p, ds, lab)

    def selected_label(self, p, ds, lab: Label) -> None:
        lh = self.fm.height()
        t = self._fitted(ds, lab.event, lab.w)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors["highlight"])
        p.drawRoundedRect(QRectF(lab.x - 3, lab.y - 1, self._width(t) + 6, lh + 2), 3, 3)
        p.setFont(self.font)
        p.setPen(self.colors["highlight_text"])
        self._draw(p, lab.x, lab.y, t)

    def tag_width(self, tag: str) -> float:
        return QFontMetricsF(self.badge_font).horizontalAdvance(tag) + 10

    def related_label(self, p, ds, lab: Label) -> None:
        """'responds to' in a small tag, then the title: the selected event <tag> this one."""
        lh = self.fm.height()
        tw = self.tag_width(lab.tag)
        arrow = QColor(self.colors["arrow"])
        tag_box = QRectF(lab.x, lab.y + 1, tw, lh - 2)
        p.setPen(QPen(arrow, 1))
        p.setBrush(self.colors["halo"])
        p.drawRoundedRect(tag_box, (lh - 2) / 2, (lh - 2) / 2)
        p.setFont(self.badge_font)
        p.setPen(arrow)
        bfm = QFontMetricsF(self.badge_font)
        p.drawStaticText(QPointF(lab.x + 5, lab.y + (lh - bfm.height()) / 2), self._tag(lab.tag))
        room = lab.w - tw - 4
        if room >= 40:  # else the tag alone (a title cut to "Tr…" says nothing)
            t = self._fitted(ds, lab.event, room)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colors["halo"])
            p.drawRoundedRect(QRectF(lab.x + tw + 2, lab.y, self._width(t) + 4, lh), 3, 3)
            p.setFont(self.font)
            p.setPen(self.colors["text"])
            self._draw(p, lab.x + tw + 4, lab.y, t)

    def badges(self, p, plan: FramePlan, colors: list[QColor]) -> None:
        if not plan.badges:
            return
        p.setFont(self.badge_font)
        for b in plan.badges:
            pill = min(b.pill, b.x1) if b.pill else b.x1
            rect = QRectF(b.x0, b.y0, pill - b.x0, b.y1 - b.y0)
            edge = QColor(colors[b.color % len(colors)]) if colors else QColor(self.colors["text"])
            if b.x1 > pill + 4:  # the rest of the span: a line with an end tick
                ym = (b.y0 + b.y1) / 2
                p.setPen(QPen(edge, 1.4))
                p.drawLine(QPointF(pill, ym), QPointF(b.x1, ym))
                p.drawLine(QPointF(b.x1, ym - 4), QPointF(b.x1, ym + 4))
            p.setPen(QPen(edge, 1.6))
            p.setBrush(self.colors["badge"])
            p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            p.setPen(self.colors["text"])
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, b.text)

    def overlay(self, p, ds, ei: int, x: float, y: float, r: float, width: float) -> QRectF:
        """The hovered event's whole title over everything, beside its mark, inside the view."""
        t = self._title(ds, ei)
        lh = self.fm.height()
        lx = x + r + 5
        if lx + t.width > width - 2:
            lx = max(2.0, x - r - 5 - t.width)
        if lx + t.width > width - 2:
            t = self._fitted(ds, ei, width - 4 - lx)
        box = QRectF(lx - 3, y - lh / 2 - 1, self._width(t) + 6, lh + 2)
        p.setPen(QPen(self.colors["arrow"], 1))
        p.setBrush(self.colors["halo_solid"] if "halo_solid" in self.colors else self.colors["halo"])
        p.drawRoundedRect(box, 3, 3)
        p.setFont(self.font)
        p.setPen(self.colors["text"])
        self._draw(p, lx, y - lh / 2, t)
        return box


def badge_tooltip(ds, b: Badge, events: list[int]) -> str:
    """What a cluster badge holds: its count, its dates and the first titles."""
    lines = [f"{b.count} events, {b.text.split(' · ', 1)[-1]} — click to zoom in to them"]
    lines += [f"• {short_title(ds.events[e].title)}" for e in events[:8]]
    if len(events) > 8:
        lines.append(f"… and {len(events) - 8} more")
    return "\n".join(lines)
