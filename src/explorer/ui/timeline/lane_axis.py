"""The lane names at the left of the timeline (a pyqtgraph axis without its tick machinery)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from .guarded_paint import guarded_paint


class LaneAxis(pg.AxisItem):
    """The lane names at the left, drawn straight at the places the frame's plan gives: no tick
    machinery (lane heights change with the zoom, so pyqtgraph would lay its ticks out again on
    nearly every frame), and a colour sample beside a lane that stands for one colour."""

    lane_clicked = Signal(int)  # index of the lane whose name was clicked (it collapses or expands)

    def __init__(self):
        super().__init__("left")
        self.lanes: list[tuple[float, str, QColor | None]] = []  # y (the plot's px), name, colour
        self.clickable = 0  # the first lanes that collapse on a click (not the stance band's rows)
        self.text_color = QColor("#222")
        self.setStyle(tickLength=0, showValues=False)
        self.enableAutoSIPrefix(False)
        self.setToolTip("Click a lane's name to collapse it to one line, or to open it again")

    def _lane_at(self, y_local: float) -> int:
        vb = self.linkedView()
        if vb is None or not self.lanes:
            return -1
        y0 = self.mapFromScene(vb.mapViewToScene(pg.Point(0, 0))).y()
        y1 = self.mapFromScene(vb.mapViewToScene(pg.Point(0, 1))).y()
        ys = [y0 + y * (y1 - y0) for y, _n, _c in self.lanes[:self.clickable]]
        if not ys:
            return -1
        best = min(range(len(ys)), key=lambda i: abs(ys[i] - y_local))
        return best if abs(ys[best] - y_local) <= 12 else -1

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        i = self._lane_at(ev.pos().y())
        if i >= 0:
            ev.accept()
            self.lane_clicked.emit(i)

    def set_lanes(self, lanes) -> None:
        if lanes != self.lanes:
            self.lanes = list(lanes)
            self.update()

    def set_text_color(self, color: QColor) -> None:
        self.text_color = QColor(color)
        self.update()

    @guarded_paint
    def paint(self, p, opt, widget):
        vb = self.linkedView()
        if vb is None or not self.lanes:
            return
        font = self.style["tickFont"] or QFont()
        fm = QFontMetricsF(font)
        p.setFont(font)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        right = self.boundingRect().right() - 6
        y0 = self.mapFromScene(vb.mapViewToScene(pg.Point(0, 0))).y()
        y1 = self.mapFromScene(vb.mapViewToScene(pg.Point(0, 1))).y()
        fitted = self.__dict__.setdefault("_fitted", {})  # (name, room, font): the name cut to the room, its width
        font_key = font.key()
        for y, name, color in self.lanes:
            cy = y0 + y * (y1 - y0)
            key = (name, right - 20, font_key)
            got = fitted.get(key)
            if got is None:
                if len(fitted) > 500:
                    fitted.clear()
                text = fm.elidedText(name, Qt.TextElideMode.ElideRight, right - 20)
                got = fitted[key] = (text, fm.horizontalAdvance(text))
            text, w = got
            p.setPen(self.text_color)
            p.drawText(QRectF(right - w, cy - fm.height() / 2, w + 1, fm.height()), Qt.AlignmentFlag.AlignRight, text)
            if color is not None:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(QRectF(right - w - 11, cy - 4, 8, 8), 2, 2)
