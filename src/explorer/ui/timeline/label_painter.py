"""Text on the timeline: event titles, the relation tags of related events, cluster badges,
and the label of the hovered event drawn over everything.

Titles are laid out once per event (`QStaticText`, about three times faster to
draw than `drawText`) and shortened in steps of a few pixels so the shortened
ones can be cached too. Every label sits on a soft halo of the plot's colour,
so lines under it (the joins to other parties, relation arcs, grid) never cut
through the letters.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QStaticText, QTransform

from ...core.markup import short_title
from .frame_plan import Badge, FramePlan, Label

ELIDE_STEP_PX = 6
MAX_CACHED = 20_000


class LabelPainter:
    def __init__(self, font: QFont, badge_font: QFont):
        self.font, self.badge_font = font, badge_font
        self.fm = QFontMetricsF(font)
        self.colors = {"text": QColor("#222"), "halo": QColor(255, 255, 255, 215), "arrow": QColor("#333"),
                       "highlight": QColor("#2f6fbf"), "highlight_text": QColor("#fff"),
                       "badge": QColor("#f3f4f6")}
        self._titles: dict[int, tuple[str, float, QStaticText]] = {}
        self._elided: dict[tuple[int, float], tuple[QStaticText, float]] = {}
        self._tags: dict[str, QStaticText] = {}

    def clear(self) -> None:
        self._titles, self._elided = {}, {}

    # -- text --------------------------------------------------------------------------
    def _static(self, text: str, font: QFont) -> QStaticText:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)  # never rich text from a data file
        static.prepare(QTransform(), font)
        return static

    def title(self, ds, ei: int) -> tuple[str, float, QStaticText]:
        cached = self._titles.get(ei)
        if cached is None:
            if len(self._titles) >= MAX_CACHED:
                self._titles.clear()
            title = short_title(ds.events[ei].title)
            cached = (title, self.fm.horizontalAdvance(title), self._static(title, self.font))
            self._titles[ei] = cached
        return cached

    def fitted(self, ds, ei: int, room: float) -> tuple[QStaticText, float]:
        """The title, shortened with an ellipsis to fit `room` px if needed."""
        title, full_w, static = self.title(ds, ei)
        if full_w <= room:
            return static, full_w
        room -= room % ELIDE_STEP_PX
        key = (ei, room)
        cached = self._elided.get(key)
        if cached is None:
            if len(self._elided) >= MAX_CACHED:
                self._elided.clear()
            text = self.fm.elidedText(title, Qt.TextElideMode.ElideRight, room)
            cached = self._elided[key] = (self._static(text, self.font), self.fm.horizontalAdvance(text))
        return cached

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
                static, _w = self.fitted(ds, lab.event, lab.w)
                p.drawStaticText(QPointF(lab.x, lab.y), static)
        for lab in plan.labels:
            if lab.kind == 1:
                self.selected_label(p, ds, lab)
            elif lab.kind == 2:
                self.related_label(p, ds, lab)

    def selected_label(self, p, ds, lab: Label) -> None:
        lh = self.fm.height()
        static, w = self.fitted(ds, lab.event, lab.w)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors["highlight"])
        p.drawRoundedRect(QRectF(lab.x - 3, lab.y - 1, w + 6, lh + 2), 3, 3)
        p.setFont(self.font)
        p.setPen(self.colors["highlight_text"])
        p.drawStaticText(QPointF(lab.x, lab.y), static)

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
            static, w = self.fitted(ds, lab.event, room)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colors["halo"])
            p.drawRoundedRect(QRectF(lab.x + tw + 2, lab.y, w + 4, lh), 3, 3)
            p.setFont(self.font)
            p.setPen(self.colors["text"])
            p.drawStaticText(QPointF(lab.x + tw + 4, lab.y), static)

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
        title, w, static = self.title(ds, ei)
        lh = self.fm.height()
        lx = x + r + 5
        if lx + w > width - 2:
            lx = max(2.0, x - r - 5 - w)
        if lx + w > width - 2:
            static, w = self.fitted(ds, ei, width - 4 - lx)
        box = QRectF(lx - 3, y - lh / 2 - 1, w + 6, lh + 2)
        p.setPen(QPen(self.colors["arrow"], 1))
        p.setBrush(self.colors["halo_solid"] if "halo_solid" in self.colors else self.colors["halo"])
        p.drawRoundedRect(box, 3, 3)
        p.setFont(self.font)
        p.setPen(self.colors["text"])
        p.drawStaticText(QPointF(lx, y - lh / 2), static)
        return box


def badge_tooltip(ds, b: Badge, events: list[int]) -> str:
    """What a cluster badge holds: its count, its dates and the first titles."""
    lines = [f"{b.count} events, {b.text.split(' · ', 1)[-1]} — click to zoom in to them"]
    lines += [f"• {short_title(ds.events[e].title)}" for e in events[:8]]
    if len(events) > 8:
        lines.append(f"… and {len(events) - 8} more")
    return "\n".join(lines)
