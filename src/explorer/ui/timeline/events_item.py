"""One graphics item that draws every event of the timeline, with level of detail.

Only rows inside the visible range are touched (binary search per lane);
when a lane holds more events than it has pixels for, it is drawn as density
bars instead of markers; the other lanes go through one numpy pass per frame
(drawing: marker_painter.py). Labels are placed greedily below the markers and
never overlap. Painting happens in device pixels so text and markers keep size.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF,
                           QStaticText, QTransform)
from PySide6.QtWidgets import QToolTip

from ..text import plain

from ...core.layout import TimelineLayout
from ...core.markup import short_title
from .guarded_paint import guarded_paint
from .marker_painter import MARKER_R, MarkerPainter

LABEL_MAX_PX = 260
MIN_SPACING_PX = 12  # a lane with fewer pixels per visible event than this shows density
ELIDE_STEP_PX = 6
ERA_NAME_PX = 18  # the era names' line at the top of the plot (eras_item.py)
MAX_CACHED_TITLES = 20_000  # laid-out labels kept (a few hundred bytes each)


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
        self._titles: dict[int, tuple[str, float, QStaticText]] = {}
        self._elided_titles: dict[tuple[int, float], tuple[QStaticText, float]] = {}
        self._bounds = QRectF()
        self.painter = MarkerPainter()
        self._view_px = (0.0, 1.0)
        self._top_px = 0.0
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    # -- state -------------------------------------------------------------------
    def set_layout(self, layout: TimelineLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self._bounds = self._compute_bounds()  # asked for several times a frame
        self.painter.set_lane_colors([QColor(lane.color) for lane in layout.lanes])
        self._titles = {}
        self._elided_titles = {}
        self.selected = -1
        self.dimmed = None
        self.update()

    def label_count(self) -> int:
        """How many event titles the last paint drew."""
        return self._shown_labels

    def drawn(self) -> dict:
        """The last paint: hit boxes `(x0, y0, x1, y1, index)` (index <= -2: a density bar), labels, edges."""
        return {"hits": list(self._hits), "labels": self._shown_labels, "view_px": self._view_px}

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
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def _compute_bounds(self) -> QRectF:
        if self.layout is None or len(self.layout.start) == 0:
            return QRectF()
        lo, hi = float(self.layout.start.min()), float(self.layout.end.max())
        return QRectF(lo, -0.5, max(hi - lo, 1.0), len(self.layout.lanes))

    # -- painting ----------------------------------------------------------------
    @guarded_paint
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
        lo, hi = view.left(), view.right()
        left_px, right_px = lo * sx + dx, hi * sx + dx
        self._top_px = min(view.top() * sy + dy, view.bottom() * sy + dy)
        self._view_px = (left_px, right_px)
        width_px = max(right_px - left_px, 1.0)
        self._hits = []
        self._shown_labels = 0
        self.painter.dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        dimmed = self.dimmed
        filtering = dimmed is not None and self.hide_dimmed
        marker_lanes: list[tuple[int, int, int]] = []  # lane, first and end row
        for lane in range(len(lay.lanes)):
            a, b = lay.visible(lane, lo, hi)
            if b <= a:
                continue
            if not filtering and (b - a) * MIN_SPACING_PX > width_px:
                # maybe too many to tell apart: count those starting in view (rows are sorted by start)
                first = a + int(np.searchsorted(lay.start[a:b], lo, "left"))
                if (b - first) * MIN_SPACING_PX > width_px:
                    self._density(p, lane, lay.start[first:b], sx, dx, sy, dy)
                    continue
            marker_lanes.append((lane, a, b))
        placed = self._paint_marker_lanes(p, marker_lanes, sx, dx, sy, dy, fm) if marker_lanes else None
        if self.selected >= 0 and placed is not None:
            self._paint_selection(p, lay, placed, fm)

    def _density(self, p, lane: int, starts, sx, dx, sy, dy) -> None:
        lane_h, y_mid = abs(sy), lane * sy + dy
        left_px, right_px = self._view_px
        total = self.painter.density(p, starts, sx, dx, y_mid, lane_h, self.painter.lane_colors[lane],
                                     left_px, right_px)
        if total:  # hovering the bars says how many events are there
            self._hits.append((left_px, y_mid - lane_h / 2, right_px, y_mid + lane_h / 2, -2 - total))

    def _paint_marker_lanes(self, p, marker_lanes, sx, dx, sy, dy, fm):
        """Markers, bars and labels of every lane not shown as density, in one pass over
        all their rows: numpy work per frame, not per lane, and one call draws all markers."""
        lay, dimmed = self.layout, self.dimmed
        lo_px, hi_px = self._view_px
        lane_h = abs(sy)
        width_px = max(hi_px - lo_px, 1.0)
        lo = (lo_px - dx) / sx
        idx = np.concatenate([np.arange(a, b) for _lane, a, b in marker_lanes])
        slot = np.repeat(np.arange(len(marker_lanes)), [b - a for _lane, a, b in marker_lanes])
        keep = lay.end[idx] >= lo  # rows whose extent really meets the view (long ones start far left)
        if dimmed is not None and self.hide_dimmed:
            keep &= ~dimmed[lay.event_index[idx]]
        idx, slot = idx[keep], slot[keep]
        crowded = np.bincount(slot, minlength=len(marker_lanes)) * MIN_SPACING_PX > width_px
        for j in np.flatnonzero(crowded).tolist():  # still too many once filtered: density
            lane = marker_lanes[j][0]
            self._density(p, lane, lay.start[idx[slot == j]], sx, dx, sy, dy)
        if crowded.any():
            keep = ~crowded[slot]
            idx, slot = idx[keep], slot[keep]
        if len(idx) == 0:
            return None
        lh = fm.height() + 1
        geometry = []  # per slot: y of the markers, label rows, labels inline
        for lane, _a, _b in marker_lanes:
            y_mid = lane * sy + dy
            y_marker = y_mid - lane_h * 0.5 + min(16.0, lane_h * 0.3)
            n_rows = max(0, int((lane_h * 0.5 + y_mid - (y_marker + 9)) // lh))
            geometry.append((y_mid, 1, True) if n_rows == 0 else (y_marker, n_rows, False))
        lanes = np.array([lane for lane, _a, _b in marker_lanes])[slot]
        ys = np.array([g[0] for g in geometry])[slot]
        x0s = lay.start[idx] * sx + dx
        x1s = lay.end[idx] * sx + dx
        ev_rows = lay.event_index[idx]
        interval = lay.interval[idx]
        dim = dimmed[ev_rows] if dimmed is not None else np.zeros(len(idx), dtype=bool)
        xms = np.where(interval, x0s, (x0s + x1s) / 2)
        # a month, year or decade can reach into the view while its marker (at its middle) is far
        # outside: only its faint extent is drawn then, and it gets no label
        shown = interval | ((xms >= lo_px - MARKER_R - 2) & (xms <= hi_px + MARKER_R + 2))
        self.painter.markers(p, x0s, x1s, xms, ys, lanes, interval, shown, lay.fuzzy[idx], dim, self._view_px)
        self._hits.extend(zip((np.minimum(x0s, xms - MARKER_R) - 2).tolist(), (ys - 8).tolist(),
                              (np.maximum(x1s, xms + MARKER_R) + 2).tolist(), (ys + 8).tolist(), ev_rows.tolist()))
        labelled = np.flatnonzero(shown & ~dim)  # non-matching events give their label space to matches
        bounds = np.searchsorted(slot, np.arange(len(marker_lanes) + 1)).tolist()
        cut = np.searchsorted(labelled, bounds).tolist()
        # Python lists once for all lanes; each lane takes its slices
        cand = list(zip(x0s[labelled].tolist(), x1s[labelled].tolist(), xms[labelled].tolist(),
                        interval[labelled].tolist(), ev_rows[labelled].tolist()))
        x0_all = x0s.tolist()
        p.setPen(self.colors["text"])
        for j, (y_marker, n_rows, inline) in enumerate(geometry):
            if cut[j + 1] > cut[j]:
                lane = slice(bounds[j], bounds[j + 1])
                self._paint_labels(p, fm, cand[cut[j]:cut[j + 1]], x0_all[lane],
                                   lambda lane=lane: (x0s[lane][interval[lane]], x1s[lane][interval[lane]]),
                                   y_marker, n_rows, inline, lo_px, hi_px)
        return ev_rows, xms, ys

    def _paint_labels(self, p, fm, cand, x0_list, lane_bars, y_marker, n_rows, inline, left_px, right_px) -> None:
        """Titles of one lane, placed greedily in free label rows (never overlapping).

        `cand`: (x0, x1, marker x, is interval, event) of the lane's candidates; `x0_list`: the
        starts of all its rows (sorted); `lane_bars()`: its interval bars, asked only if needed."""
        lh = fm.height() + 1
        row_end = [-1e9] * n_rows
        free_from = -1e9  # no label row is free left of this
        bars = None
        for x0, x1, xm, is_iv, ei in cand:
            # find a free row first, measure the text only then
            if inline:
                lx = max(x1 if is_iv else xm, left_px) + MARKER_R + 3
                if lx < free_from or lx > right_px:  # (a bar ending right of the view: no room)
                    continue
                nxt = bisect_right(x0_list, lx + 1)  # inline labels stop before the next marker
                room = LABEL_MAX_PX
                if nxt < len(x0_list):
                    room = min(room, x0_list[nxt] - MARKER_R - 4 - lx)
                if room < 36:
                    continue
                k = 0
            else:
                lx = max(x0 if is_iv else xm - MARKER_R, left_px + 2)
                if lx < free_from:
                    continue
                k = next(k for k in range(n_rows) if lx >= row_end[k] + 8)
                room = LABEL_MAX_PX
            title, full_w, static = self._title(ei, fm)
            ty = y_marker - lh / 2 if inline else y_marker + 9 + k * lh
            if full_w > room:  # shortened to fit, in steps of a few pixels so that it can be cached
                room -= room % ELIDE_STEP_PX
                static, full_w = self._elided(ei, title, room, fm)
            w = min(full_w, room)
            if inline:
                if bars is None:
                    bars = lane_bars()
                if len(bars[0]) and np.any((bars[0] < lx + w) & (bars[1] > lx)):
                    p.fillRect(QRectF(lx - 2, ty + 1, w + 4, lh - 2), self.colors["halo"])  # readable over a bar
            p.drawStaticText(QPointF(lx, ty), static)  # laid out once: ~3x faster than drawText
            self._hits.append((lx, ty, lx + w, ty + lh, ei))
            row_end[k] = lx + w
            free_from = min(row_end) + 8
            self._shown_labels += 1

    def _elided(self, ei: int, title: str, room: float, fm: QFontMetricsF) -> tuple[QStaticText, float]:
        key = (ei, room)
        cached = self._elided_titles.get(key)
        if cached is None:
            if len(self._elided_titles) >= MAX_CACHED_TITLES:
                self._elided_titles.clear()
            text = fm.elidedText(title, Qt.TextElideMode.ElideRight, room)
            cached = (self._static(text), fm.horizontalAdvance(text))
            self._elided_titles[key] = cached
        return cached

    def _static(self, text: str) -> QStaticText:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)  # never rich text from a data file
        static.prepare(QTransform(), self.font)
        return static

    def _title(self, ei: int, fm: QFontMetricsF) -> tuple[str, float, QStaticText]:
        """Cleaned title, its width and its laid-out text, made once per event (when first shown)."""
        cached = self._titles.get(ei)
        if cached is None:
            if len(self._titles) >= MAX_CACHED_TITLES:
                self._titles.clear()
            title = short_title(self.layout.dataset.events[ei].title)
            cached = (title, fm.horizontalAdvance(title), self._static(title))
            self._titles[ei] = cached
        return cached

    def _paint_selection(self, p, lay, placed, fm) -> None:
        sel = self.selected
        ds = lay.dataset
        ev = ds.events[sel]
        links = [(r.id, r.relation, True) for r in ev.related]
        links += [(o.id, r.relation, False) for o, r in ds.incoming(ev.id)]
        wanted = np.array([sel] + [ds.index_of(i) for i, _r, _o in links], dtype=np.int64)
        marker_pos: dict[int, tuple[float, float]] = {}
        ev_rows, xms, ys = placed
        for k in np.flatnonzero(np.isin(ev_rows, wanted)).tolist():  # where they were drawn (first lane wins)
            marker_pos.setdefault(int(ev_rows[k]), (float(xms[k]), float(ys[k])))
        if sel not in marker_pos:
            return
        x, y = marker_pos[sel]
        p.setPen(QPen(self.colors["arrow"], 2.2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(x, y), MARKER_R + 4, MARKER_R + 4)
        boxes: list[QRectF] = []
        for other_id, relation, outgoing in links:
            oi = ds.index_of(other_id)
            if oi not in marker_pos:
                continue
            ox, oy = marker_pos[oi]
            p.setPen(QPen(QColor(self.colors["arrow"]), 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(ox, oy), MARKER_R + 3, MARKER_R + 3)
            src, dst = ((x, y), (ox, oy)) if outgoing else ((ox, oy), (x, y))
            self._arrow(p, src, dst, relation, fm, boxes)

    def _arrow(self, p, src, dst, text: str, fm, boxes: list[QRectF]) -> None:
        """A curved arrow with its relation's name; `boxes`: names already drawn, not to cover."""
        (x0, y0), (x1, y1) = src, dst
        lift = -28 - abs(x1 - x0) * 0.08
        cx, cy = (x0 + x1) / 2, min(y0, y1) + lift
        # The label sits at the curve's midpoint, (y0 + 2 cy + y1) / 4. Keep it below the era names
        # if there is room above the markers, and inside the view in any case.
        half = fm.height() / 2
        mid = (y0 + 2 * cy + y1) / 4
        if mid < self._top_px + ERA_NAME_PX + half:
            mid = min(self._top_px + ERA_NAME_PX + half, min(y0, y1) - MARKER_R - half)
        mid = max(mid, self._top_px + 3 + half)
        cy = (4 * mid - y0 - y1) / 2
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
        for other in boxes:  # two arrows to neighbouring events: put the names side by side
            if box.intersects(other):
                box.moveLeft(other.right() + 4)
        boxes.append(box)
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
            QToolTip.showText(view.mapToGlobal(dev.toPoint()), plain(tip), view)

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
