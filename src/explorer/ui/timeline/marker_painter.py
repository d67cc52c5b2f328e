"""Batched drawing for the timeline's events: each call draws many events at once.

`EventsItem` decides what is visible and where; this draws it with as few Qt
calls as possible, in device pixels:
- `density`: a crowded lane as bars of log height, one `drawRects` call; the
  counts come from binary searches on the sorted starts, so the cost follows
  the width in pixels, not the number of events;
- `markers`: interval bars (pen and brush set once per kind), the faint extents
  of imprecise dates (their union, once per lane) and every marker in one
  `drawPixmapFragments` call from an atlas of pre-drawn markers, as pyqtgraph's
  scatter plots do.
"""

from __future__ import annotations

import numpy as np
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap

MARKER_R = 5.5
DENSITY_BIN_PX = 5


class MarkerPainter:
    def __init__(self):
        self.lane_colors: list[QColor] = []
        self.dpr = 1.0
        self._atlas_key = None
        self._rects = PrimitiveArray(QRectF, 4)  # C arrays for Qt's batch calls (pyqtgraph's helper)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)

    def set_lane_colors(self, colors: list[QColor]) -> None:
        self.lane_colors = colors
        self._atlas_key = None

    def _atlas(self):
        """Every kind of marker pre-drawn side by side in one pixmap: slot = lane * 4 + fuzzy * 2 + faded.
        One drawPixmapFragments call then draws all markers (as pyqtgraph's scatter plots do)."""
        key = (tuple(c.rgba() for c in self.lane_colors), self.dpr)
        if self._atlas_key != key:
            size = int((MARKER_R * 2 + 4) * self.dpr + 0.999)
            atlas = QPixmap(size * 4 * max(len(self.lane_colors), 1), size)
            atlas.setDevicePixelRatio(self.dpr)
            atlas.fill(Qt.GlobalColor.transparent)
            q = QPainter(atlas)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for i, color in enumerate(self.lane_colors):
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
                        centre = (slot * size) / self.dpr + MARKER_R + 2
                        q.drawEllipse(QPointF(centre, MARKER_R + 2), MARKER_R, MARKER_R)
            q.end()
            self._atlas_pm, self._atlas_size, self._atlas_key = atlas, size, key
        return self._atlas_pm, self._atlas_size

    def markers(self, p, x0s, x1s, xms, ys, lanes, interval, shown, fuzzy, dim, view_px) -> None:
        """Interval bars one by one, then the faint extents of imprecise dates (a call per
        lane colour) and every marker in one call."""
        colors = self.lane_colors
        bars = np.flatnonzero(interval)
        if len(bars):
            lo_px, hi_px = view_px
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
        # imprecise dates (month, year…): their extent, faintly, where it is wider than the marker over it
        extent = np.flatnonzero(point & (x1s - x0s > 2 * MARKER_R + 1))
        if len(extent):
            # Zoomed in, dozens of years and decades can cover the whole view on the same line; each
            # lane draws the union of its extents once instead of stacking translucent bars.
            group = lanes[extent] * 2
            if dim.any():
                group += dim[extent]
                order = np.argsort(group, kind="stable")  # rows stay sorted by start within a group
                extent, group = extent[order], group[order]
            # (otherwise rows come lane after lane, each sorted by start, already)
            lo_px, hi_px = view_px
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
            p.setRenderHint(p.RenderHint.Antialiasing, False)  # faint axis-aligned strips: no need
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
            p.setRenderHint(p.RenderHint.Antialiasing, True)
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
            f[:, 6:10] = (1 / self.dpr, 1 / self.dpr, 0.0, 1.0)
            p.drawPixmapFragments(*self._fragments.drawargs(), atlas)

    def density(self, p, starts, sx, dx, y_mid, lane_h, color, left_px, right_px) -> int:
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
            return 0
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
        return total
