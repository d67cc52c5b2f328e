"""Batched drawing for the timeline's events: each call draws many events at once.

`EventsItem` decides what is visible and where (planner.py); this draws it with
as few Qt calls as possible, in pixels:
- `density`: a crowded lane as bars of log height, one `drawRects` call; the
  counts come from binary searches on the sorted starts, so the cost follows
  the width in pixels, not the number of events;
- `markers`: interval bars (pen and brush set once per kind), the faint extents
  of imprecise dates (their union, once per row) and every marker in one
  `drawPixmapFragments` call from an atlas of pre-drawn markers (colour x shape
  x approximate x faded), as pyqtgraph's scatter plots do.

Colour is the event's first party, shape its category (core/layout.py).
"""

from __future__ import annotations

import math

import numpy as np
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ...core.layout import OTHER_SHAPE

MARKER_R = 5.5
DENSITY_BIN_PX = 5
ATLAS_COLUMNS = (OTHER_SHAPE + 1) * 4  # shape x approximate x faded
BAR_H = 12.0


def shape_path(shape: int, cx: float, cy: float, r: float) -> QPainterPath:
    """The outline of a marker shape (core.layout.SHAPES) centred on (cx, cy)."""
    path = QPainterPath()

    def poly(points):
        path.addPolygon(QPolygonF([QPointF(cx + x * r, cy + y * r) for x, y in points]))
        path.closeSubpath()

    def star(n, inner, turn=-math.pi / 2):
        pts = []
        for k in range(2 * n):
            a = turn + k * math.pi / n
            rr = 1.0 if k % 2 == 0 else inner
            pts.append((math.cos(a) * rr, math.sin(a) * rr))
        poly(pts)

    if shape == 0:
        path.addEllipse(QPointF(cx, cy), r, r)
    elif shape == 1:
        poly([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)])
    elif shape == 2:
        poly([(0, -1.15), (1.1, 0), (0, 1.15), (-1.1, 0)])
    elif shape == 3:
        poly([(0, -1.1), (1.1, 0.85), (-1.1, 0.85)])
    elif shape == 4:
        poly([(0, 1.1), (1.1, -0.85), (-1.1, -0.85)])
    elif shape == 5:
        star(5, 0.48)
    elif shape == 6:
        t = 0.36
        poly([(-t, -1), (t, -1), (t, -t), (1, -t), (1, t), (t, t), (t, 1), (-t, 1), (-t, t), (-1, t), (-1, -t),
              (-t, -t)])
    elif shape == 7:
        t = 0.36 / math.sqrt(2) * 2
        pts = [(-t, -1), (t, -1), (t, -t), (1, -t), (1, t), (t, t), (t, 1), (-t, 1), (-t, t), (-1, t), (-1, -t),
               (-t, -t)]
        c = math.sqrt(0.5)
        poly([((x - y) * c * 1.05, (x + y) * c * 1.05) for x, y in pts])
    elif shape == 8:
        poly([(math.cos(math.pi / 3 * k) * 1.05, math.sin(math.pi / 3 * k) * 1.05) for k in range(6)])
    elif shape == 9:
        poly([(math.cos(-math.pi / 2 + 2 * math.pi / 5 * k) * 1.1, math.sin(-math.pi / 2 + 2 * math.pi / 5 * k) * 1.1)
              for k in range(5)])
    else:  # OTHER_SHAPE: a small dot
        path.addEllipse(QPointF(cx, cy), r * 0.6, r * 0.6)
    return path


def paint_marker(q: QPainter, color: QColor, shape: int, cx: float, cy: float, r: float = MARKER_R,
                 fuzzy: bool = False, dim: bool = False, edge: QColor | None = None) -> None:
    """One marker, as the atlas has it (the legend draws its samples with this too)."""
    c = QColor(color)
    if dim:
        c.setAlpha(50)
    if fuzzy:  # an approximate or uncertain date: dashed outline, pale fill
        q.setPen(QPen(c, 1.6, Qt.PenStyle.DashLine))
        faded = QColor(c)
        faded.setAlpha(60)
        q.setBrush(faded)
    else:
        e = QColor(edge) if edge is not None else QColor(255, 255, 255)
        e.setAlpha(200 if not dim else 60)
        q.setPen(QPen(e, 1.2))
        q.setBrush(c)
    q.drawPath(shape_path(shape, cx, cy, r))


class MarkerPainter:
    def __init__(self):
        self.colors: list[QColor] = []
        self.edge = QColor(255, 255, 255)  # the outline that keeps touching markers apart (the plot's base)
        self.dpr = 1.0
        self._atlas_key = None
        self._rects = PrimitiveArray(QRectF, 4)  # C arrays for Qt's batch calls (pyqtgraph's helper)
        self._fragments = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._lines = PrimitiveArray(QLineF, 4)

    def set_colors(self, colors: list[QColor]) -> None:
        self.colors = colors
        self._atlas_key = None

    def _atlas(self, cells=()):
        """Every kind of marker pre-drawn in one pixmap: a row per colour, a column per
        shape x approximate x faded. One drawPixmapFragments call then draws all markers.
        A cell is drawn the first time a frame needs it (`cells`: (row, column) pairs): a frame
        uses a few dozen of the hundreds, and drawing them all cost ~15 ms of the first paint."""
        key = (tuple(c.rgba() for c in self.colors), self.edge.rgba(), self.dpr)
        if self._atlas_key != key:
            size = int((MARKER_R * 2 + 5) * self.dpr + 0.999)
            atlas = QPixmap(size * ATLAS_COLUMNS, size * max(len(self.colors), 1))
            atlas.setDevicePixelRatio(self.dpr)
            atlas.fill(Qt.GlobalColor.transparent)
            self._atlas_pm, self._atlas_size, self._atlas_key = atlas, size, key
            self._atlas_drawn: set[tuple[int, int]] = set()
        todo = [c for c in cells if c not in self._atlas_drawn and 0 <= c[0] < len(self.colors)]
        if todo:
            size = self._atlas_size
            q = QPainter(self._atlas_pm)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            half = size / self.dpr / 2
            for row, col in todo:
                shape, rest = divmod(col, 4)
                fuzzy, dim = divmod(rest, 2)
                paint_marker(q, self.colors[row], shape, col * size / self.dpr + half, row * size / self.dpr + half,
                             MARKER_R, bool(fuzzy), bool(dim), self.edge)
            q.end()
            self._atlas_drawn.update(todo)
        return self._atlas_pm, self._atlas_size

    def markers(self, p, m: dict, view_w: float) -> None:
        """Interval bars, then the faint extents of imprecise dates (a call per row and colour)
        and every marker in one call. `m`: the plan's mark arrays (planner.py)."""
        if not m or not len(m["xm"]):
            return
        colors = self.colors
        x0s, x1s, xms, ys, iv = m["x0"], m["x1"], m["xm"], m["y"], m["iv"]
        fuzzy, dim, col = m["fuzzy"], m["dim"], m["color"]
        bars = np.flatnonzero(iv)
        if len(bars):
            b0 = np.maximum(x0s[bars], -12)  # clipped just outside the view: less to fill
            b1 = np.minimum(np.maximum(x1s[bars], x0s[bars] + 3), view_w + 12)
            kind = col[bars] * 4 + fuzzy[bars] * 2 + dim[bars]
            order = np.argsort(kind, kind="stable")
            current = -1
            for k, x0, x1, y in zip(kind[order].tolist(), b0[order].tolist(), b1[order].tolist(),
                                   ys[bars][order].tolist()):
                if k != current:  # pen and brush once per colour and kind of bar
                    current = k
                    ci, rest = divmod(k, 4)
                    is_fuzzy, faded = divmod(rest, 2)
                    c = QColor(colors[ci % len(colors)])
                    if faded:
                        c.setAlpha(60)
                    fill = QColor(c)
                    fill.setAlpha(25 if faded else (45 if is_fuzzy else 75))
                    p.setPen(QPen(c, 1.4, Qt.PenStyle.DashLine if is_fuzzy else Qt.PenStyle.SolidLine))
                    p.setBrush(QBrush(fill))
                p.drawRoundedRect(QRectF(x0, y - BAR_H / 2, x1 - x0, BAR_H), 3, 3)
        point = ~iv
        # imprecise dates (month, year…): their extent, faintly, where it is wider than the marker over it
        extent = np.flatnonzero(point & (x1s - x0s > 2 * MARKER_R + 1))
        if len(extent):
            self._extents(p, x0s[extent], x1s[extent], ys[extent], col[extent], dim[extent], view_w)
        marked = np.flatnonzero(point & m["shown"])
        if len(marked):
            cell_col = m["shape"][marked] * 4 + fuzzy[marked] * 2 + dim[marked]
            cell_row = col[marked] % max(len(colors), 1)
            # the sprites in use, sorted (as np.unique gives them; it would import numpy.ma on the first frame, ~8 ms)
            cells = np.flatnonzero(np.bincount(cell_row.astype(np.int64) * ATLAS_COLUMNS + cell_col))
            atlas, size = self._atlas((int(k) // ATLAS_COLUMNS, int(k) % ATLAS_COLUMNS) for k in cells)
            self._fragments.resize(len(marked))
            f = self._fragments.ndarray()
            f[:, 0] = xms[marked]  # the centre of the target
            f[:, 1] = ys[marked]
            f[:, 2] = cell_col * size  # the sprite's cell
            f[:, 3] = cell_row * size
            f[:, 4:6] = size
            f[:, 6:10] = (1 / self.dpr, 1 / self.dpr, 0.0, 1.0)
            p.drawPixmapFragments(*self._fragments.drawargs(), atlas)

    def _extents(self, p, a, b, y, col, dim, view_w) -> None:
        """The union of the extents on each row, once per row and colour: zoomed in, dozens of
        years and decades can cover the whole view on the same line."""
        a = np.clip(a, -8, view_w + 8)
        b = np.clip(b, -8, view_w + 8)
        group = np.unique(y, return_inverse=True)[1].astype(np.int64) * (2 * (len(self.colors) + 1))
        group += col * 2 + dim
        order = np.lexsort((a, group))
        a, b, group = a[order], b[order], group[order]
        offset = group * 1e6  # keeps groups apart in one running maximum
        reach = b + offset
        np.maximum.accumulate(reach, out=reach)
        new = np.empty(len(a), dtype=bool)
        new[0] = True
        np.greater(a[1:] + offset[1:], reach[:-1], out=new[1:])
        first = np.flatnonzero(new)
        last = np.empty_like(first)
        last[:-1] = first[1:] - 1
        last[-1] = len(a) - 1
        seg_a, seg_b, seg_g = a[first], reach[last] - offset[last], group[first]
        seg_y = y[order][first]
        seg_c = col[order][first]
        seg_d = dim[order][first]
        cuts = [0, *(np.flatnonzero(seg_g[1:] != seg_g[:-1]) + 1).tolist(), len(first)]
        p.setPen(Qt.PenStyle.NoPen)
        p.setRenderHint(p.RenderHint.Antialiasing, False)  # faint axis-aligned strips: no need
        for s0, s1 in zip(cuts[:-1], cuts[1:]):
            ext = QColor(self.colors[int(seg_c[s0]) % len(self.colors)])
            ext.setAlpha(20 if seg_d[s0] else 45)
            p.setBrush(ext)
            self._rects.resize(s1 - s0)
            r = self._rects.ndarray()
            r[:, 0] = seg_a[s0:s1]
            r[:, 1] = seg_y[s0:s1] - 2
            r[:, 2] = seg_b[s0:s1] - seg_a[s0:s1]
            r[:, 3] = 4
            p.drawRects(*self._rects.drawargs())
        p.setRenderHint(p.RenderHint.Antialiasing, True)

    def ticks(self, p, xs, y0, y1, color_index) -> None:
        """Short vertical lines (an event's other parties), one drawLines call per colour."""
        if not len(xs):
            return
        order = np.argsort(color_index, kind="stable")
        xs, y0, y1, ci = xs[order], y0[order], y1[order], color_index[order]
        cuts = [0, *(np.flatnonzero(ci[1:] != ci[:-1]) + 1).tolist(), len(ci)]
        for a, b in zip(cuts[:-1], cuts[1:]):
            col = QColor(self.colors[int(ci[a]) % len(self.colors)]) if self.colors else QColor("#888")
            col.setAlpha(200)
            p.setPen(QPen(col, 2.0))
            self._lines.resize(b - a)
            arr = self._lines.ndarray()
            arr[:, 0] = xs[a:b]
            arr[:, 1] = y0[a:b]
            arr[:, 2] = xs[a:b]
            arr[:, 3] = y1[a:b]
            p.drawLines(*self._lines.drawargs())

    def density(self, p, starts, sx, dx, top, height, color, width) -> int:
        """Events per few pixels as bars of log height (one call per lane, however many events).

        `starts` (days) are sorted, so each bin's count is a difference of two
        binary searches: the cost follows the width in pixels, not the events."""
        n_bins = int(width // DENSITY_BIN_PX) + 1
        edges = np.arange(n_bins + 1, dtype=np.float64)
        edges *= DENSITY_BIN_PX
        bounds = np.searchsorted(starts, (edges - dx) / sx)
        bounds[-1] = np.searchsorted(starts, (width - dx) / sx, "right")
        total = int(bounds[-1] - bounds[0])
        if total == 0:
            return 0
        counts = np.diff(bounds)
        nz = np.flatnonzero(counts)
        hs = np.log1p(counts[nz])
        hs *= (height - 8) / hs.max()
        np.maximum(hs, 2.0, out=hs)
        base = top + height - 4
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
