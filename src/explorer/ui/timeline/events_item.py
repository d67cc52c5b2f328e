"""One graphics item that draws every event of the timeline, with level of detail.

Only rows inside the visible range are touched (binary search per lane);
when a lane holds more events than it has pixels for, it is drawn as density
bins instead of markers. Labels are placed greedily in rows below the markers
and never overlap; hidden ones remain reachable by hover and click.
Painting happens in device pixels so text and markers keep their size.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF,
                           QStaticText, QTransform)
from PySide6.QtWidgets import QToolTip

from ...core.layout import TimelineLayout
from ...core.markup import short_title
from .guarded_paint import guarded_paint

MARKER_R = 5.5
LABEL_MAX_PX = 260
DENSITY_BIN_PX = 5
MIN_SPACING_PX = 12  # a lane with fewer pixels per visible event than this shows density
ELIDE_STEP_PX = 6
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
        self._dpr = 1.0
        self._bounds = QRectF()
        self._lane_colors: list[QColor] = []
        self._atlas_key = None
        self._view_px = (0.0, 1.0)
        self._top_px = 0.0
        self._rects = PrimitiveArray(QRectF, 4)  # batched drawing (pyqtgraph's own helper, as in BarGraphItem)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    # -- state -------------------------------------------------------------------
    def set_layout(self, layout: TimelineLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self._bounds = self._compute_bounds()  # asked for several times a frame
        self._lane_colors = [QColor(lane.color) for lane in layout.lanes]
        self._titles = {}
        self._elided_titles = {}
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
        self._atlas_key = None
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
        self._dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        dimmed = self.dimmed
        lane_h = abs(sy)
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
                    self._paint_density(p, lay.start[first:b], sx, dx, lane * sy + dy, lane_h,
                                        self._lane_colors[lane], left_px, right_px)
                    continue
            marker_lanes.append((lane, a, b))
        placed = self._paint_marker_lanes(p, marker_lanes, sx, dx, sy, dy, fm) if marker_lanes else None
        if self.selected >= 0 and placed is not None:
            self._paint_selection(p, lay, placed, fm)

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
            self._paint_density(p, lay.start[idx[slot == j]], sx, dx, lane * sy + dy, lane_h,
                                self._lane_colors[lane], lo_px, hi_px)
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
        self._paint_markers(p, x0s, x1s, xms, ys, lanes, interval, shown, lay.fuzzy[idx], dim)
        self._hits.extend(zip((np.minimum(x0s, xms - MARKER_R) - 2).tolist(), (ys - 8).tolist(),
                              (np.maximum(x1s, xms + MARKER_R) + 2).tolist(), (ys + 8).tolist(), ev_rows.tolist()))
        labelled = np.flatnonzero(shown & ~dim)  # non-matching events give their label space to matches
        bounds = np.searchsorted(slot, np.arange(len(marker_lanes) + 1)).tolist()
        cut = np.searchsorted(labelled, bounds).tolist()
        p.setPen(self.colors["text"])
        for j, (y_marker, n_rows, inline) in enumerate(geometry):
            rows = labelled[cut[j]:cut[j + 1]]
            if len(rows):
                self._paint_labels(p, fm, rows, x0s, x1s, xms, interval, ev_rows, x0s[bounds[j]:bounds[j + 1]],
                                   y_marker, n_rows, inline, lo_px, hi_px)
        return ev_rows, xms, ys

    def _paint_labels(self, p, fm, rows, x0s, x1s, xms, interval, ev_rows, lane_x0s, y_marker, n_rows, inline,
                      left_px, right_px) -> None:
        """Titles of one lane, placed greedily in free label rows (never overlapping)."""
        lh = fm.height() + 1
        row_end = [-1e9] * n_rows
        free_from = -1e9  # no label row is free left of this
        x0_list = lane_x0s.tolist()  # sorted: inline labels stop before the next marker
        for x0, x1, xm, is_iv, ei in zip(x0s[rows].tolist(), x1s[rows].tolist(), xms[rows].tolist(),
                                         interval[rows].tolist(), ev_rows[rows].tolist()):
            # find a free row first, measure the text only then
            if inline:
                lx = max(x1 if is_iv else xm, left_px) + MARKER_R + 3
                if lx < free_from or lx > right_px:  # (a bar ending right of the view: no room)
                    continue
                nxt = bisect_right(x0_list, lx + 1)
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
            if inline:  # on the markers' line, over bars of long intervals: keep it readable
                p.fillRect(QRectF(lx - 2, ty + 1, w + 4, lh - 2), self.colors["halo"])
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

    def _atlas(self):
        """Every kind of marker pre-drawn side by side in one pixmap: slot = lane * 4 + fuzzy * 2 + faded.
        One drawPixmapFragments call then draws all markers (as pyqtgraph's scatter plots do)."""
        key = (tuple(c.rgba() for c in self._lane_colors), self._dpr)
        if self._atlas_key != key:
            from PySide6.QtGui import QPixmap

            size = int((MARKER_R * 2 + 4) * self._dpr + 0.999)
            atlas = QPixmap(size * 4 * max(len(self._lane_colors), 1), size)
            atlas.setDevicePixelRatio(self._dpr)
            atlas.fill(Qt.GlobalColor.transparent)
            q = QPainter(atlas)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for i, color in enumerate(self._lane_colors):
                for fuzzy in (False, True):
                    for dim in (False, True):
                        slot = i * 4 + fuzzy * 2 + dim
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
                        centre = (slot * size) / self._dpr + MARKER_R + 2
                        q.drawEllipse(QPointF(centre, MARKER_R + 2), MARKER_R, MARKER_R)
            q.end()
            self._atlas_pm, self._atlas_size, self._atlas_key = atlas, size, key
        return self._atlas_pm, self._atlas_size

    def _paint_markers(self, p, x0s, x1s, xms, ys, lanes, interval, shown, fuzzy, dim) -> None:
        """Interval bars one by one, then the faint extents of imprecise dates (a call per
        lane colour) and every marker in one call."""
        colors = self._lane_colors
        bars = np.flatnonzero(interval)
        if len(bars):
            lo_px, hi_px = self._view_px
            b0 = np.maximum(x0s[bars], lo_px - 12)  # clipped just outside the view: less to fill
            b1 = np.minimum(np.maximum(x1s[bars], x0s[bars] + 3), hi_px + 12)
            kind = lanes[bars] * 4 + fuzzy[bars] * 2 + dim[bars]
            order = np.argsort(kind, kind="stable")
            current = -1
            for k, x0, x1, y in zip(kind[order].tolist(), b0[order].tolist(), b1[order].tolist(),
                                   ys[bars][order].tolist()):
                if k != current:  # pen and brush once per lane and kind of bar
                    current = k
                    lane, rest = divmod(k, 4)
                    is_fuzzy, faded = divmod(rest, 2)
                    c = QColor(colors[lane])
                    if faded:
                        c.setAlpha(50)
                    fill = QColor(c)
                    fill.setAlpha(70 if is_fuzzy else (c.alpha() if faded else 200))
                    p.setPen(QPen(c, 1.4, Qt.PenStyle.DashLine if is_fuzzy else Qt.PenStyle.SolidLine))
                    p.setBrush(QBrush(fill))
                p.drawRoundedRect(QRectF(x0, y - 5, x1 - x0, 10), 3, 3)
        point = ~interval
        extent = np.flatnonzero(point & (x1s - x0s > 4))  # imprecise date (month/year): its extent, faintly
        if len(extent):
            # Zoomed in, dozens of years and decades can cover the whole view on the same line; each
            # lane draws the union of its extents once instead of stacking translucent bars.
            group = lanes[extent] * 2
            if dim.any():
                group += dim[extent]
                order = np.argsort(group, kind="stable")  # rows stay sorted by start within a group
                extent, group = extent[order], group[order]
            # (otherwise rows come lane after lane, each sorted by start, already)
            lo_px, hi_px = self._view_px
            a = np.clip(x0s[extent], lo_px - 8, hi_px + 8)
            offset = group * 1e6  # keeps groups apart in one running maximum
            reach = np.clip(x1s[extent], lo_px - 8, hi_px + 8)
            reach += offset
            np.maximum.accumulate(reach, out=reach)
            new = np.empty(len(extent), dtype=bool)
            new[0] = True
            np.greater(a[1:] + offset[1:], reach[:-1], out=new[1:])
            first = np.flatnonzero(new)
            last = np.empty_like(first)
            last[:-1] = first[1:] - 1
            last[-1] = len(extent) - 1
            seg_a, seg_b, seg_group = a[first], reach[last] - offset[last], group[first]
            seg_y = ys[extent[first]]
            cuts = [0, *(np.flatnonzero(seg_group[1:] != seg_group[:-1]) + 1).tolist(), len(first)]
            p.setPen(Qt.PenStyle.NoPen)
            for s0, s1 in zip(cuts[:-1], cuts[1:]):
                lane, faded = divmod(int(seg_group[s0]), 2)
                ext = QColor(colors[lane])
                ext.setAlpha(20 if faded else 45)
                p.setBrush(ext)
                self._rects.resize(s1 - s0)
                r = self._rects.ndarray()
                r[:, 0] = seg_a[s0:s1]
                r[:, 1] = seg_y[s0:s1] - 2
                r[:, 2] = seg_b[s0:s1] - seg_a[s0:s1]
                r[:, 3] = 4
                p.drawRects(*self._rects.drawargs())
        marked = np.flatnonzero(point & shown)
        if len(marked):
            atlas, size = self._atlas()
            self._fragments.resize(len(marked))
            f = self._fragments.ndarray()
            f[:, 0] = xms[marked]  # the centre of the target
            f[:, 1] = ys[marked]
            f[:, 2] = (lanes[marked] * 4 + fuzzy[marked] * 2 + dim[marked]) * size  # the sprite's slot
            f[:, 3] = 0
            f[:, 4:6] = size
            f[:, 6:10] = (1 / self._dpr, 1 / self._dpr, 0.0, 1.0)
            p.drawPixmapFragments(*self._fragments.drawargs(), atlas)

    def _paint_density(self, p, starts, sx, dx, y_mid, lane_h, color, left_px, right_px) -> None:
        """Events per few pixels as bars of log height (one call per lane, however many events).

        `starts` (days) are sorted, so each bin's count is a difference of two
        binary searches: the cost follows the width in pixels, not the events."""
        n_bins = int((right_px - left_px) // DENSITY_BIN_PX) + 1
        edges = np.arange(n_bins + 1, dtype=np.float64)
        edges *= DENSITY_BIN_PX
        edges += left_px
        bounds = np.searchsorted(starts, (edges - dx) / sx)
        bounds[-1] = np.searchsorted(starts, (right_px - dx) / sx, "right")
        total = int(bounds[-1] - bounds[0])
        if total == 0:
            return
        counts = np.diff(bounds)
        nz = np.flatnonzero(counts)
        hs = np.log1p(counts[nz])
        hs *= lane_h * 0.7 / hs.max()
        np.maximum(hs, 2.0, out=hs)
        base = y_mid + lane_h * 0.35
        self._rects.resize(len(nz))  # one bar per non-empty bin: axis-aligned rectangles fill fastest
        r = self._rects.ndarray()
        r[:, 0] = edges[nz]
        r[:, 1] = base - hs
        r[:, 2] = DENSITY_BIN_PX
        r[:, 3] = hs
        c = QColor(color)
        c.setAlpha(255)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        p.setRenderHint(p.RenderHint.Antialiasing, False)  # crisp steps, and far faster
        p.drawRects(*self._rects.drawargs())
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        self._hits.append((left_px, y_mid - lane_h / 2, right_px, y_mid + lane_h / 2, -2 - total))

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
        # the label sits at the curve's midpoint, (y0 + 2 cy + y1) / 4: keep it inside the view
        cy = max(cy, (4 * (self._top_px + 3 + fm.height() / 2) - y0 - y1) / 2)
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
