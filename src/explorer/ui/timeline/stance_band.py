"""The stance band: each side's stances as segments under the events, on the timeline's own x axis.

It lives in the timeline's plot, so it scrolls and zooms with it; its rows are
placed by the frame's plan (planner.py), at the bottom of the plot. Each
stance is a tinted segment in its side's colour, alternating in strength so
neighbours stay apart, with a marked boundary where it begins and its first
clause written in it where there is room; hovering shows the whole stance,
since when and set by which event; a click moves the cursor to that day and
selects the event that set the stance. Runs of stances too narrow to draw are
merged into one hatched piece ("5 changes"), so hundreds of stances cost what
a few dozen do (core/stance_band.py).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip

from ...core.markup import short_title
from ...core.stance_band import StanceBand, short_stance
from ..text import plain
from .guarded_paint import guarded_paint

MIN_TEXT_PX = 44


class StanceBandItem(pg.GraphicsObject):
    stance_clicked = Signal(float, str)  # a day inside the stance, and the id of the event that set it ("" none)

    def __init__(self, events_item):
        super().__init__()
        self.events_item = events_item  # its plan places the band's rows
        self.band: StanceBand | None = None
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.fm = QFontMetricsF(self.font)
        self.text_color = QColor("#222")
        self.strong, self.weak = 95, 50  # tints of neighbouring stances
        self._hits: list[tuple[float, float, float, float, int, object]] = []
        self._origin = (0.0, 0.0)
        self._bounds: QRectF | None = None
        self._elided: dict[tuple[int, int, int], str] = {}
        self.setAcceptHoverEvents(True)
        self.setZValue(5)

    def set_band(self, band: StanceBand | None) -> None:
        self.band = band
        self._elided = {}
        self.update()

    def rows(self) -> int:
        return len(self.band) if self.band is not None else 0

    def set_theme(self, text: QColor, dark: bool) -> None:
        self.text_color = QColor(text)
        self.strong, self.weak = (120, 60) if dark else (95, 45)
        self.update()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            vr = self.viewRect()
            self._bounds = QRectF(vr) if vr is not None else QRectF()
        return QRectF(self._bounds)

    def dataBounds(self, axis, frac=1.0, orthoRange=None):
        return None  # its bounds are the view's: never a reason to auto-range it

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()
        self._bounds = None
        super().viewTransformChanged()

    def drawn(self) -> list[tuple[float, float, float, float, int, int, int]]:
        """Segments of the last paint in device px: (x0, y0, x1, y1, side, first stance, last stance)."""
        ox, oy = self._origin
        return [(a + ox, b + oy, c + ox, d + oy, side, piece.first, piece.last)
                for a, b, c, d, side, piece in self._hits]

    @guarded_paint
    def paint(self, p, *args) -> None:
        band, plan = self.band, self.events_item.plan()
        view = self.viewRect()
        self._hits = []
        if band is None or plan is None or view is None or not plan.band:
            return
        tr = p.transform()
        ox = view.left() * tr.m11() + tr.dx()
        oy = min(view.top() * tr.m22() + tr.dy(), view.bottom() * tr.m22() + tr.dy())
        self._origin = (ox, oy)
        p.resetTransform()
        p.translate(ox, oy)
        p.setFont(self.font)
        lo, hi, sx, w = plan.lo, plan.hi, plan.sx, plan.w
        ds = band.dataset
        for side, (top, height) in enumerate(plan.band[:len(band)]):
            color = QColor(ds.parties[band.sides[side]].color)
            y0, y1 = top + 2, top + height - 2
            for piece in band.pieces(side, lo, hi, sx):
                a = max((piece.start - lo) * sx, -3.0)
                b = min((piece.end - lo) * sx, w + 3.0)
                if b <= a:
                    continue
                fill = QColor(color)
                fill.setAlpha(self.strong if piece.first % 2 == 0 else self.weak)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(fill, Qt.BrushStyle.BDiagPattern) if piece.merged else fill)
                rect = QRectF(a, y0, b - a, y1 - y0)
                p.drawRect(rect)
                self._hits.append((a, y0, b, y1, side, piece))
                if (piece.start - lo) * sx >= -1:  # where a stance begins: a firm line and a notch
                    p.setPen(QPen(color, 2))
                    p.drawLine(QLineF(a, y0 - 2, a, y1 + 1))
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(color)
                    p.drawPolygon(QPolygonF([QPointF(a - 4, y0 - 2), QPointF(a + 4, y0 - 2), QPointF(a, y0 + 3)]))
                room = b - max(a, 0.0) - 10
                if room >= MIN_TEXT_PX:
                    text = self._text(side, piece, room)
                    p.setPen(self.text_color)
                    p.drawText(QRectF(max(a, 0.0) + 6, y0, room, y1 - y0),
                               Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _text(self, side: int, piece, room: float) -> str:
        key = (side, piece.first if not piece.merged else -piece.last - 1, int(room // 8))
        text = self._elided.get(key)
        if text is None:
            if piece.merged:
                full = f"{piece.last - piece.first + 1} changes"
            else:
                full = short_stance(self.band.stance(side, piece.first).stance)
            text = self._elided[key] = self.fm.elidedText(full, Qt.TextElideMode.ElideRight, room - room % 8)
        return text

    # -- interaction -------------------------------------------------------------------
    def _at(self, pos) -> tuple[int, object, float] | None:
        dev = self.mapToDevice(pos)
        if dev is None:
            return None
        x, y = dev.x() - self._origin[0], dev.y() - self._origin[1]
        for a, y0, b, y1, side, piece in self._hits:
            if a <= x <= b and y0 - 3 <= y <= y1 + 1:
                return side, piece, float(pos.x())
        return None

    def tooltip(self, side: int, piece, day: float) -> str:
        band = self.band
        ds = band.dataset
        i = band.at(side, day) if piece.merged else piece.first
        if i < 0:
            return f"{band.names[side]}: {piece.last - piece.first + 1} changes here — zoom in to see them"
        pos = band.stance(side, i)
        ev = ds.event(pos.event) if pos.event else None
        name = ds.parties[pos.party].name_at(pos.since.start) if pos.party in ds.parties else band.names[side]
        head = f"{name}, since {pos.since.display()}"
        if pos.until is not None:
            head += f" (until {pos.until.display()})"
        lines = [head, pos.stance]
        if ev is not None:
            lines.append(f"Set by: {short_title(ev.title)}")
        if piece.merged:
            lines.append(f"({piece.last - piece.first + 1} changes in this stretch — zoom in to see each)")
        return "\n".join(lines)

    def hoverEvent(self, ev) -> None:
        if ev.isExit() or self.band is None:
            QToolTip.hideText()
            return
        found = self._at(ev.pos())
        view = self.getViewWidget()
        if found is None or view is None:
            QToolTip.hideText()
            return
        side, piece, day = found
        dev = self.mapToDevice(ev.pos())
        QToolTip.showText(view.mapToGlobal(dev.toPoint()), plain(self.tooltip(side, piece, day)), view)

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or self.band is None:
            return
        found = self._at(ev.pos())
        if found is None:  # between the segments: the cursor goes there, as anywhere on the plot
            ev.accept()
            self.events_item.background_clicked.emit(float(ev.pos().x()))
            return
        ev.accept()
        side, piece, day = found
        i = self.band.at(side, day)
        if i < 0:
            i = piece.first
        pos = self.band.stance(side, i)
        start, end = float(self.band.starts[side][i]), float(self.band.ends[side][i])
        day = min(max(day, start), end - 1 if end - 1 >= start else start)
        self.stance_clicked.emit(day, pos.event or "")
