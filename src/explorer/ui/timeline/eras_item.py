"""Eras drawn as shaded, named bands behind the events, and the lines between lanes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from ...core.model import Era
from .guarded_paint import guarded_paint


class ErasItem(pg.GraphicsObject):
    def __init__(self, show_names: bool = True):
        super().__init__()
        self.eras: list[Era] = []
        self.n_lanes = 1
        self.show_names = show_names
        self.alpha = 150
        self.text_color = QColor("#555")
        self.font = QFont()
        self.font.setPointSizeF(8.5)
        self.font.setItalic(True)
        self.lane_line: QColor | None = None  # lines between lanes, drawn here: no item per line
        self.lines: list[float] = []  # where: px below the top of the plot (the lanes' plan)
        self.span: tuple[float, float] | None = None
        self.setZValue(-10)

    def set_eras(self, eras: list[Era], n_lanes: int, span: tuple[float, float] | None = None) -> None:
        self.prepareGeometryChange()
        self.eras = eras
        self.n_lanes = max(n_lanes, 1)
        self.span = span
        ends = [(e.date.start, e.date.end) for e in eras] + ([span] if span and self.lane_line else [])
        if ends:
            lo, hi = min(a for a, _ in ends), max(b for _, b in ends)
            self._bounds = QRectF(lo, -1e5, max(hi - lo, 1.0), 2e5)  # any height: the plot's y is in px
        else:
            self._bounds = QRectF()
        self.update()

    def set_lines(self, ys: list[float]) -> None:
        if ys != self.lines:
            self.lines = list(ys)
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(getattr(self, "_bounds", QRectF()))

    @guarded_paint
    def paint(self, p, *args) -> None:
        view = self.viewRect()
        if view is None:
            return
        tr = p.transform()
        p.resetTransform()
        fm = QFontMetricsF(self.font)
        p.setFont(self.font)
        top = view.top() * tr.m22() + tr.dy()
        bottom = view.bottom() * tr.m22() + tr.dy()
        top, bottom = min(top, bottom), max(top, bottom)
        vl, vr = view.left() * tr.m11() + tr.dx(), view.right() * tr.m11() + tr.dx()
        for era in self.eras:
            x0 = max(era.date.start * tr.m11() + tr.dx(), vl - 10)
            x1 = min(era.date.end * tr.m11() + tr.dx(), vr + 10)
            if x1 <= x0:
                continue
            c = QColor(era.color)
            c.setAlpha(self.alpha)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(c)
            p.drawRect(QRectF(x0, top, x1 - x0, bottom - top))
            if self.show_names and x1 - x0 > 40:
                p.setPen(self.text_color)
                text = fm.elidedText(era.name, Qt.TextElideMode.ElideRight, x1 - x0 - 8)
                p.drawText(QRectF(max(x0, vl) + 4, top + 2, x1 - max(x0, vl) - 8, fm.height()), Qt.AlignmentFlag.AlignLeft, text)
        if self.lane_line is not None:
            p.setPen(QPen(self.lane_line, 1))
            for y in self.lines:
                p.drawLine(QLineF(vl, top + y, vr, top + y))
