"""One graphics item that draws every event of the timeline, with level of detail.

Only rows inside the visible range are touched (binary search per lane);
when a lane holds more events than it has pixels for, it is drawn as density
bins instead of markers. Labels are placed greedily in rows below the markers
and never overlap; hidden ones remain reachable by hover and click.
Painting happens in device pixels so text and markers keep their size.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip

from ...core.layout import TimelineLayout
from ...core.markup import short_title

MARKER_R = 5.5
LABEL_MAX_PX = 260
DENSITY_BIN_PX = 5
MIN_SPACING_PX = 12  # a lane with fewer pixels per visible event than this shows density


class EventsItem(pg.GraphicsObject):
    event_clicked = Signal(int)  # index into dataset.events
    background_clicked = Signal(float)  # day number

    def __init__(self):
        super().__init__()
        self.layout: TimelineLayout | None = None
        self.selected = -1
        self.dimmed: np.ndarray | None = None  # bool per event: True = not matching
        self.hide_dimmed = False  # True: leave non-matching events out instead of fading them
        self.colors = {"text": QColor("#222"), "halo": QColor(255, 255, 255, 215), "arrow": QColor("#333")}
        self.font = QFont()
        self.font.setPointSizeF(9)
        self._hits: list[tuple[float, float, float, float, int]] = []
        self._shown_labels = 0
        self._titles: dict[int, tuple[str, float]] = {}
        self._sprites: dict[tuple, object] = {}
        self._dpr = 1.0
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    # -- state -------------------------------------------------------------------
    def set_layout(self, layout: TimelineLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self._titles = {}
        self.selected = -1
        self.dimmed = None
        self.update()

    def set_selected(self, index: int) -> None:
        self.selected = index
        self.update()

    def set_dimmed(self, dimmed: np.ndarray | None) -> None:
        self.dimmed = dimmed
        self.update()

    def set_hide_dimmed(self, hide: bool) -> None:
        self.hide_dimmed = hide
        self.update()

    def set_palette(self, text: QColor, halo: QColor, arrow: QColor) -> None:
        self.colors = {"text": text, "halo": halo, "arrow": arrow}
        self._sprites = {}
        self.update()

    def boundingRect(self) -> QRectF:
        if self.layout is None or len(self.layout.start) == 0:
            return QRectF()
        lo, hi = float(self.layout.start.min()), float(self.layout.end.max())
        return QRectF(lo, -0.5, max(hi - lo, 1.0), len(self.layout.lanes))

    # -- painting ----------------------------------------------------------------
    def paint(self, p, *args) -> None:
        lay = self.layout
        if lay is None:
            return
        view = self.viewRect()
        if view is None:
            return
        tr = p.transform()
        sx, dx = tr.m11(), tr.dx()
        sy, dy = tr.m22(), tr.dy()
        if sx == 0:
            return
        p.resetTransform()
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        p.setFont(self.font)
        fm = QFontMetricsF(self.font)
        lh = fm.height() + 1
        lo, hi = view.left(), view.right()
        left_px, right_px = lo * sx + dx, hi * sx + dx
        width_px = max(right_px - left_px, 1.0)
        self._hits = []
        self._shown_labels = 0
        self._dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        events = lay.dataset.events
        dimmed = self.dimmed
        lane_h = abs(sy)
        marker_pos: dict[int, tuple[float, float]] = {}
        for lane in range(len(lay.lanes)):
            y_mid = lane * sy + dy
            y_marker = y_mid - lane_h * 0.5 + min(16.0, lane_h * 0.3)
            a, b = lay.visible(lane, lo, hi)
            if b <= a:
                continue
            # rows whose extent really meets the view (long intervals start far left)
            keep = lay.end[a:b] >= lo
            eidx = lay.event_index[a:b]
            if dimmed is not None and self.hide_dimmed:
                keep &= ~dimmed[eidx]
            rows = np.flatnonzero(keep)
            if len(rows) == 0:
                continue
            color = QColor(lay.lanes[lane].color)
            starts = lay.start[a:b][rows]
            if len(rows) * MIN_SPACING_PX > width_px:  # too many to tell apart: density bins
                self._paint_density(p, starts * sx + dx, y_mid, lane_h, color, left_px, right_px)
                continue
            rows_h = lane_h * 0.5 + y_mid - (y_marker + 9)
            n_rows = max(0, int(rows_h // lh))
            inline = n_rows == 0  # short lanes: one row of labels beside the markers
            if inline:
                y_marker = y_mid
                n_rows = 1
            row_end = [-1e9] * n_rows
            x0s = starts * sx + dx
            marker_xs = x0s  # sorted: inline labels stop before the next marker
            x1s = (lay.end[a:b][rows] * sx + dx).tolist()
            for x0, x1, ei in zip(x0s.tolist(), x1s, eidx[rows].tolist()):
                ev = events[ei]
                dim = dimmed is not None and bool(dimmed[ei])
                xm = self._paint_event(p, ev, x0, x1, y_marker, color, dim)
                marker_pos.setdefault(ei, (xm, y_marker))
                self._hits.append((min(x0, xm - MARKER_R) - 2, y_marker - 8, max(x1, xm + MARKER_R) + 2, y_marker + 8, ei))
                if dim:
                    continue  # non-matching events give their label space to matches
                # label: find a free row first, measure the text only then
                if inline:
                    lx = max(x1 if ev.is_interval else xm, left_px) + MARKER_R + 3
                    if lx < row_end[0] + 8:
                        continue
                    nxt = int(np.searchsorted(marker_xs, lx + 1))
                    room = LABEL_MAX_PX
                    if nxt < len(marker_xs):
                        room = min(room, marker_xs[nxt] - MARKER_R - 4 - lx)
                    if room < 36:
                        continue
                    k = 0
                else:
                    lx = max(x0 if ev.is_interval else xm - MARKER_R, left_px + 2)
                    k = next((k for k in range(n_rows) if lx >= row_end[k] + 8), -1)
                    if k < 0:
                        continue
                    room = LABEL_MAX_PX
                title, full_w = self._title(ei, fm)
                w = min(full_w, room)
                ty = y_marker - lh / 2 if inline else y_marker + 9 + k * lh
                text = title if full_w <= room else fm.elidedText(title, Qt.TextElideMode.ElideRight, room)
                p.setPen(self.colors["text"])
                p.drawText(QRectF(lx, ty, w + 2, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
                self._hits.append((lx, ty, lx + w, ty + lh, ei))
                row_end[k] = lx + w
                self._shown_labels += 1
        if self.selected >= 0:
            self._paint_selection(p, lay, marker_pos, fm)

    def _title(self, ei: int, fm: QFontMetricsF) -> tuple[str, float]:
        """Cleaned title and its width, measured once per event."""
        cached = self._titles.get(ei)
        if cached is None:
            title = short_title(self.layout.dataset.events[ei].title)
            cached = (title, fm.horizontalAdvance(title))
            self._titles[ei] = cached
        return cached

    def _sprite(self, color: QColor, fuzzy: bool, dim: bool):
        """A pre-drawn marker: one drawPixmap is far cheaper than an antialiased ellipse."""
        key = (color.rgba(), fuzzy, dim, self._dpr)
        pm = self._sprites.get(key)
        if pm is None:
            from PySide6.QtGui import QPainter, QPixmap

            size = int((MARKER_R * 2 + 4) * self._dpr + 0.999)
            pm = QPixmap(size, size)
            pm.setDevicePixelRatio(self._dpr)
            pm.fill(Qt.GlobalColor.transparent)
            q = QPainter(pm)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            c = QColor(color)
            if dim:
                c.setAlpha(50)
            if fuzzy:
                q.setPen(QPen(c, 1.6, Qt.PenStyle.DashLine))
                faded = QColor(c)
                faded.setAlpha(60)
                q.setBrush(faded)
            else:
                q.setPen(QPen(QColor(255, 255, 255, 200 if not dim else 60), 1.2))
                q.setBrush(c)
            q.drawEllipse(QPointF(MARKER_R + 2, MARKER_R + 2), MARKER_R, MARKER_R)
            q.end()
            self._sprites[key] = pm
        return pm

    def _paint_event(self, p, ev, x0: float, x1: float, y: float, color: QColor, dim: bool) -> float:
        """Draw one event; return the x of its marker."""
        date = ev.date
        fuzzy = date.qualified
        if ev.is_interval:
            c = QColor(color)
            if dim:
                c.setAlpha(50)
            x1 = max(x1, x0 + 3)
            rect = QRectF(x0, y - 5, x1 - x0, 10)
            fill = QColor(c)
            fill.setAlpha(70 if fuzzy else (c.alpha() if dim else 200))
            pen = QPen(c, 1.4, Qt.PenStyle.DashLine if fuzzy else Qt.PenStyle.SolidLine)
            p.setPen(pen)
            p.setBrush(QBrush(fill))
            p.drawRoundedRect(rect, 3, 3)
            return x0
        xm = (x0 + x1) / 2
        if x1 - x0 > 4:  # imprecise date (month/year): show its extent faintly
            ext = QColor(color)
            ext.setAlpha(20 if dim else 45)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(ext)
            p.drawRect(QRectF(x0, y - 2, x1 - x0, 4))
        p.drawPixmap(QPointF(xm - MARKER_R - 2, y - MARKER_R - 2), self._sprite(color, fuzzy, dim))
        return xm

    def _paint_density(self, p, xs, y_mid, lane_h, color, left_px, right_px) -> None:
        """Events per few pixels as one filled step outline (one fill per lane, however many events)."""
        xs = xs[(xs >= left_px) & (xs <= right_px)]
        if len(xs) == 0:
            return
        n_bins = int((right_px - left_px) // DENSITY_BIN_PX) + 1
        counts = np.bincount(((xs - left_px) // DENSITY_BIN_PX).astype(np.int64), minlength=n_bins)
        logs = np.log1p(counts)
        height = lane_h * 0.7
        base = y_mid + lane_h * 0.35
        hs = np.where(counts > 0, np.maximum(2.0, height * logs / float(logs.max())), 0.0)
        edges = left_px + np.arange(n_bins + 1) * DENSITY_BIN_PX
        x = np.concatenate(([edges[0]], np.repeat(edges, 2)[1:-1], [edges[-1]]))
        y = np.concatenate(([base], np.repeat(base - hs, 2), [base]))
        path = pg.functions.arrayToQPath(x, y, connect="all")
        path.closeSubpath()
        c = QColor(color)
        c.setAlpha(185)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.setRenderHint(p.RenderHint.Antialiasing, False)  # axis-aligned steps: crisp and far faster
        p.drawPath(path)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        self._hits.append((left_px, y_mid - lane_h / 2, right_px, y_mid + lane_h / 2, -2 - len(xs)))

    def _paint_selection(self, p, lay, marker_pos, fm) -> None:
        sel = self.selected
        if sel not in marker_pos:
            return
        x, y = marker_pos[sel]
        p.setPen(QPen(self.colors["arrow"], 2.2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(x, y), MARKER_R + 4, MARKER_R + 4)
        ds = lay.dataset
        ev = ds.events[sel]
        links = [(r.id, r.relation, True) for r in ev.related]
        links += [(o.id, r.relation, False) for o, r in ds.incoming(ev.id)]
        for other_id, relation, outgoing in links:
            oi = ds.index_of(other_id)
            if oi not in marker_pos:
                continue
            ox, oy = marker_pos[oi]
            p.setPen(QPen(QColor(self.colors["arrow"]), 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(ox, oy), MARKER_R + 3, MARKER_R + 3)
            src, dst = ((x, y), (ox, oy)) if outgoing else ((ox, oy), (x, y))
            self._arrow(p, src, dst, relation, fm)

    def _arrow(self, p, src, dst, text: str, fm) -> None:
        (x0, y0), (x1, y1) = src, dst
        lift = -28 - abs(x1 - x0) * 0.08
        cx, cy = (x0 + x1) / 2, min(y0, y1) + lift
        path = QPainterPath(QPointF(x0, y0 - MARKER_R))
        path.quadTo(QPointF(cx, cy), QPointF(x1, y1 - MARKER_R - 3))
        color = QColor(self.colors["arrow"])
        p.setPen(QPen(color, 1.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        # arrow head along the last tangent
        end = QPointF(x1, y1 - MARKER_R - 3)
        t = path.pointAtPercent(0.96)
        vx, vy = end.x() - t.x(), end.y() - t.y()
        n = max((vx * vx + vy * vy) ** 0.5, 1e-6)
        ux, uy = vx / n, vy / n
        head = QPolygonF([end, QPointF(end.x() - 9 * ux + 4.5 * uy, end.y() - 9 * uy - 4.5 * ux),
                          QPointF(end.x() - 9 * ux - 4.5 * uy, end.y() - 9 * uy + 4.5 * ux)])
        p.setBrush(color)
        p.drawPolygon(head)
        mid = path.pointAtPercent(0.5)
        w = fm.horizontalAdvance(text) + 8
        box = QRectF(mid.x() - w / 2, mid.y() - fm.height() / 2 - 1, w, fm.height() + 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.colors["halo"])
        p.drawRoundedRect(box, 4, 4)
        p.setPen(color)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- interaction -------------------------------------------------------------
    def hit(self, device_pos: QPointF) -> int:
        x, y = device_pos.x(), device_pos.y()
        best, best_d = -1, 1e9
        for x0, y0, x1, y1, ei in self._hits:
            if x0 <= x <= x1 and y0 <= y <= y1:
                d = abs((x0 + x1) / 2 - x) if ei >= 0 else 1e6
                if d < best_d:
                    best, best_d = ei, d
        return best

    def hoverEvent(self, ev) -> None:
        if ev.isExit():
            QToolTip.hideText()
            return
        dev = self.mapToDevice(ev.pos())
        if dev is None:
            return
        ei = self.hit(dev)
        if ei >= 0:
            e = self.layout.dataset.events[ei]
            tip = f"{short_title(e.title)}\n{e.date.display()}"
        elif ei <= -2:
            tip = f"{-ei - 2} events here — zoom in to see them"
        else:
            QToolTip.hideText()
            return
        view = self.getViewWidget()
        if view is not None:
            QToolTip.showText(view.mapToGlobal(dev.toPoint()), tip, view)

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        dev = self.mapToDevice(ev.pos())
        ei = self.hit(dev) if dev is not None else -1
        ev.accept()
        if ei >= 0:
            self.event_clicked.emit(ei)
        else:
            self.background_clicked.emit(float(ev.pos().x()))
