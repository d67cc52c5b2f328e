"""The legend strip under the timeline: what colours, shapes, lines and shading mean, in the current lane mode.

Shown by default, toggled from View > Legend. It flows over as many lines as
the width needs (one at 1920 px, two or three at 1024) and is drawn with the
same marker painter as the timeline, so each sample is exactly what the plot
shows. Colour always means the party that acted (first party), shape always
the category (core/layout.py), so the legend changes only in what the lanes are.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.layout import TimelineLayout
from .marker_painter import MARKER_R, paint_marker

GAP = 14
LINE_GAP = 3


class LegendStrip(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineLegend")
        self.setAccessibleName("Legend of the timeline")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.font_ = QFont(self.font())
        self.font_.setPointSizeF(8.5)
        self.bold = QFont(self.font_)
        self.bold.setBold(True)
        self.fm, self.bfm = QFontMetricsF(self.font_), QFontMetricsF(self.bold)
        self.entries: list[tuple[str, object, str]] = []  # (kind of sample, its data, text)
        self.text_color, self.muted, self.base = QColor("#222"), QColor("#555"), QColor("#fff")
        self._height = 0
        self.bands = 0  # sides in the stance band

    # -- content ---------------------------------------------------------------------
    def set_layout(self, lay: TimelineLayout, band_sides: list[str] | None = None) -> None:
        e: list[tuple[str, object, str]] = []
        by_party = lay.color_by == "party"
        e.append(("title", None, "Colour: party" if by_party else "Colour: category"))
        e += [("color", QColor(k.color), k.name) for k in lay.colors]
        if by_party and lay.shapes:
            e.append(("title", None, "Shape: category"))
            e += [("shape", k.shape, k.name) for k in lay.shapes]
        e.append(("title", None, "Also"))
        if by_party:
            e.append(("tick", None, "other parties"))
        e += [("fuzzy", None, "approximate date"), ("bar", None, "period"),
              ("badge", None, "events: click to zoom in"), ("density", None, "too many: zoom in"),
              ("era", None, "eras")]
        self.entries = e
        self._relayout()

    def set_theme(self, text: QColor, muted: QColor, base: QColor) -> None:
        self.text_color, self.muted, self.base = QColor(text), QColor(muted), QColor(base)
        self.update()

    def texts(self) -> list[str]:
        """Every text of the legend, in order (for tests and accessibility)."""
        return [t for _k, _d, t in self.entries]

    # -- geometry ------------------------------------------------------------------------
    def _items(self, width: float):
        """(x, line, sample kind, data, text) for each entry, flowed over lines of `width`."""
        x, line, out = 4.0, 0, []
        widths = [(self.bfm if kind == "title" else self.fm).horizontalAdvance(text)
                  + (0 if kind == "title" else self._sample_w(kind) + 5) for kind, _d, text in self.entries]
        for n, (kind, data, text) in enumerate(self.entries):
            w = widths[n]
            if kind == "title" and x > 4:
                x += 8
            # a title goes to the next line with its first entry, never alone at the end of one
            need = w + (8 + widths[n + 1] if kind == "title" and n + 1 < len(widths) else 0)
            if x + need > width - 4 and x > 4:
                x, line = 4.0, line + 1
            out.append((x, line, kind, data, text))
            x += w + (8 if kind == "title" else GAP)
        return out, line + 1

    @staticmethod
    def _sample_w(kind: str) -> float:
        return {"bar": 22, "badge": 26, "density": 18, "era": 16, "stance": 22, "cursor": 10}.get(kind, 12)

    def _line_h(self) -> float:
        return max(self.fm.height(), 2 * MARKER_R + 2) + LINE_GAP

    def _relayout(self) -> None:
        _items, lines = self._items(max(self.width(), 200))
        h = int(lines * self._line_h() + 6) if self.entries else 0
        if h != self._height:
            self._height = h
            self.setFixedHeight(h)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, self._height)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._relayout()

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, ev) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        items, _lines = self._items(self.width())
        lh = self._line_h()
        for x, line, kind, data, text in items:
            cy = 3 + line * lh + lh / 2
            if kind == "title":
                p.setFont(self.bold)
                p.setPen(self.text_color)
                p.drawText(QPointF(x, cy + self.bfm.ascent() / 2 - 1), text)
                continue
            sw = self._sample_w(kind)
            self._sample(p, kind, data, x, cy, sw)
            p.setFont(self.font_)
            p.setPen(self.text_color)
            p.drawText(QPointF(x + sw + 5, cy + self.fm.ascent() / 2 - 1), text)
        p.end()

    def _sample(self, p: QPainter, kind: str, data, x: float, cy: float, sw: float) -> None:
        grey = QColor(self.muted)
        if kind == "color":
            paint_marker(p, data, 0, x + sw / 2, cy, MARKER_R, edge=self.base)
        elif kind == "shape":
            paint_marker(p, grey, data, x + sw / 2, cy, MARKER_R, edge=self.base)
        elif kind == "fuzzy":
            paint_marker(p, grey, 0, x + sw / 2, cy, MARKER_R, fuzzy=True)
        elif kind == "tick":
            p.setPen(QPen(grey, 2))
            p.drawLine(QPointF(x + sw / 2, cy - 6), QPointF(x + sw / 2, cy - 1))
            faint = QColor(grey)
            faint.setAlpha(110)
            p.setPen(QPen(faint, 1))
            p.drawLine(QPointF(x + sw / 2, cy - 1), QPointF(x + sw / 2, cy + 6))
        elif kind == "bar":
            fill = QColor(grey)
            fill.setAlpha(75)
            p.setPen(QPen(grey, 1.4))
            p.setBrush(fill)
            p.drawRoundedRect(QRectF(x, cy - 5, sw, 10), 3, 3)
        elif kind == "badge":
            p.setPen(QPen(grey, 1.4))
            p.setBrush(self.base)
            p.drawRoundedRect(QRectF(x, cy - 6, sw, 12), 6, 6)
            p.setFont(self.font_)
            p.setPen(self.text_color)
            p.drawText(QRectF(x, cy - 6, sw, 12), Qt.AlignmentFlag.AlignCenter, "N")
        elif kind == "density":
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(grey)
            for i, hh in enumerate((4, 9, 6, 11)):
                p.drawRect(QRectF(x + i * 4.5, cy + 6 - hh, 4, hh))
        elif kind == "era":
            p.setPen(QPen(grey, 0.8))
            p.setBrush(QColor(216, 230, 240) if self.base.lightness() > 128 else QColor(60, 70, 85))
            p.drawRect(QRectF(x, cy - 6, sw, 12))
        elif kind == "stance":
            a, b = QColor(grey), QColor(grey)
            a.setAlpha(110)
            b.setAlpha(50)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(a))
            p.drawRect(QRectF(x, cy - 5, sw / 2, 10))
            p.setBrush(QBrush(b))
            p.drawRect(QRectF(x + sw / 2, cy - 5, sw / 2, 10))
            p.setPen(QPen(grey, 2))
            p.drawLine(QPointF(x + sw / 2, cy - 6), QPointF(x + sw / 2, cy + 5))
        elif kind == "cursor":
            p.setPen(QPen(QColor("#d62728"), 2))
            p.drawLine(QPointF(x + sw / 2, cy - 7), QPointF(x + sw / 2, cy + 7))
