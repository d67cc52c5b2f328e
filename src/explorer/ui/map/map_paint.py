"""Draw a dataset's map on any QPainter (widget, image, PDF): QtGui only, no widgets.

Projection: equirectangular, longitude scaled by cos(46°) so that the shapes of
the Kurils and Sakhalin look right, fitted into the target rectangle; `zoom`
and `pan` (in pixels) move the view. The projected QPainterPaths are built once
per (size, zoom, pan) and kept, so drawing another day only changes colours.

Colours: a region is filled with its holder's party colour (solid when the
holder *administers* it, lighter when it *occupies* it); a claimant's colour
hatches it and outlines it; a region nobody holds is drawn in the land colour.
Boundary lines in force are dashed. Labels (the English name, plain text via
drawText) are placed so they do not overlap; small islands get theirs beside them.
"""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QImage, QPaintEngine, QPainter, QPainterPath, QPainterPathStroker, QPen,
    QPolygonF,
)

from ...core.geo import Geo, RegionState, label_point
from .map_legend import blend, draw_legend, legend_place

KX = math.cos(math.radians(46.0))
HATCHES = (Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.CrossPattern)
KIND_WORDS = {"administers": "administers", "occupies": "occupies", "claims": "claims"}


def _main_box(region, scale: float, ox: float, oy: float) -> QRectF:
    """Pixel box of the region's largest polygon (where its label goes)."""
    best, box = -1.0, QRectF()
    for poly in region.polygons:
        ring = poly[0]
        xs, ys = ring[0::2], ring[1::2]
        r = QRectF(QPointF(min(xs) * KX * scale + ox, -max(ys) * scale + oy),
                   QPointF(max(xs) * KX * scale + ox, -min(ys) * scale + oy))
        if r.width() * r.height() > best:
            best, box = r.width() * r.height(), r
    return box


THIN_PX = 0.35  # a ring's points closer than this (pixels of 1/96 inch) to the last one kept are dropped


def _thinned(ring, scale: float, ox: float, oy: float, thin: float = THIN_PX) -> list[QPointF]:
    """A ring's points projected, without those that would land within `thin` pixels of the last one
    kept (invisible at this size; a small map on a card or a page draws and stores far fewer);
    a ring that would thin below three points keeps its first three, so no island vanishes."""
    pts = [QPointF(x * KX * scale + ox, -y * scale + oy) for x, y in zip(ring[0::2], ring[1::2])]
    if len(pts) <= 4:
        return pts
    kept = [pts[0]]
    lx, ly = pts[0].x(), pts[0].y()
    for q in pts[1:-1]:
        qx, qy = q.x(), q.y()
        if abs(qx - lx) >= thin or abs(qy - ly) >= thin:
            kept.append(q)
            lx, ly = qx, qy
    kept.append(pts[-1])
    return kept if len(kept) >= 3 else pts[:3]


class MapPainter:
    """Projection, cached paths and drawing of one Geo; knows nothing about widgets."""

    def __init__(self, geo: Geo, colors: dict[str, str], name_of: Callable[[str, float], str] | None = None):
        self.geo = geo
        self.colors = {pid: QColor(c) for pid, c in colors.items()}
        self.name_of = name_of or (lambda pid, _day: pid)
        self.labels = True
        self.legend = True
        self.thin = THIN_PX  # pixels: a small printed map may thin its outlines more (fewer points per page)
        self.set_theme("#ffffff", "#1d2026", "#5b6270")
        self._key = None
        self.cache: dict = {}
        w, s, e, n = geo.bbox
        self._extent = (w * KX, -n, max(e - w, 1e-6) * KX, max(n - s, 1e-6))  # x, y, width, height (map units)

    def set_theme(self, bg: str, fg: str, muted: str) -> None:
        self.bg, self.fg, self.muted = QColor(bg), QColor(fg), QColor(muted)
        self.sea = blend(self.bg, QColor("#3a8fb7"), 0.12)
        self.land = blend(self.bg, self.muted, 0.28)
        self.outline = blend(self.bg, self.fg, 0.55)

    def color(self, pid: str) -> QColor:
        return self.colors.get(pid, self.muted)

    # -- projection ---------------------------------------------------------------------------
    def fit(self, rect: QRectF, zoom: float = 1.0, pan: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float, float]:
        """(scale, x offset, y offset): pixel = map unit * scale + offset."""
        ex, ey, ew, eh = self._extent
        margin = 6.0
        base = min((rect.width() - 2 * margin) / ew, (rect.height() - 2 * margin) / eh)
        scale = max(base, 1e-6) * zoom
        ox = rect.x() + rect.width() / 2 - (ex + ew / 2) * scale + pan[0]
        oy = rect.y() + rect.height() / 2 - (ey + eh / 2) * scale + pan[1]
        return scale, ox, oy

    def project(self, lon: float, lat: float, rect: QRectF, zoom: float = 1.0,
                pan: tuple[float, float] = (0.0, 0.0)) -> QPointF:
        scale, ox, oy = self.fit(rect, zoom, pan)
        return QPointF(lon * KX * scale + ox, -lat * scale + oy)

    def paths(self, rect: QRectF, zoom: float = 1.0, pan: tuple[float, float] = (0.0, 0.0)) -> dict:
        """Projected paths for this view: {"regions": {id: path}, "land": path, "lines": {id: path}}."""
        key = (rect.x(), rect.y(), rect.width(), rect.height(), zoom, pan)
        if key != self._key:
            scale, ox, oy = self.fit(rect, zoom, pan)

            def polygon_path(polygons) -> QPainterPath:
                path = QPainterPath()
                path.setFillRule(Qt.FillRule.OddEvenFill)
                for poly in polygons:
                    for ring in poly:
                        path.addPolygon(QPolygonF(_thinned(ring, scale, ox, oy, self.thin)))
                        path.closeSubpath()
                return path

            lines = {}
            for b in self.geo.boundaries:
                p = QPainterPath()
                for ln in b.lines:
                    p.addPolygon(QPolygonF([QPointF(x * KX * scale + ox, -y * scale + oy)
                                            for x, y in zip(ln[0::2], ln[1::2])]))
                lines[b.id] = p
            self.cache = {"regions": {rid: polygon_path(r.polygons) for rid, r in self.geo.regions.items()},
                           "land": polygon_path(self.geo.land), "lines": lines, "labels": None}
            self._key = key
        return self.cache

    def region_at(self, point: QPointF, rect: QRectF, zoom: float = 1.0, pan=(0.0, 0.0)) -> str | None:
        built = self.paths(rect, zoom, pan)
        for rid, path in reversed(built["regions"].items()):
            if path.contains(point):
                return rid
        # small islands: the nearest region within a few pixels
        probe = QRectF(point.x() - 4, point.y() - 4, 8, 8)
        for rid, path in reversed(built["regions"].items()):
            if path.intersects(probe):
                return rid
        return None

    # -- drawing ------------------------------------------------------------------------------
    def paint(self, p: QPainter, rect: QRectF, day: float, zoom: float = 1.0, pan=(0.0, 0.0),
              hover: str | None = None, highlight: frozenset | set = frozenset(),
              states: dict[str, RegionState] | None = None) -> None:
        built = self.paths(rect, zoom, pan)
        states = self.geo.state_at(day) if states is None else states
        p.save()
        p.setClipRect(rect)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(rect, self.sea)
        p.fillPath(built["land"], self.land)
        for rid in built["regions"]:
            self._region(p, rid, built, states.get(rid), rid == hover, rid in highlight)
        dashes = built.setdefault("dashes", {})
        for b in self.geo.boundaries_at(day):
            if b.id not in dashes:
                stroker = QPainterPathStroker()
                stroker.setWidth(2.0)
                stroker.setDashPattern(Qt.PenStyle.DashLine)
                dashes[b.id] = stroker.createStroke(built["lines"][b.id])
            p.fillPath(dashes[b.id], self.fg)
        place = legend_place(self, p, rect) if self.legend else QRectF()
        if self.labels:
            self._labels(p, rect, built, place)
        if self.legend:
            draw_legend(self, p, rect, place, day, states)
        p.restore()

    def _region(self, p: QPainter, rid: str, built: dict, st: RegionState | None, hovered: bool, lit: bool) -> None:
        path = built["regions"][rid]
        holder = st.holder if st else None
        claimants = st.claimants if st else []
        if holder is None:
            fill = self.land
        elif st.holder_kind == "occupies":
            fill = blend(self.color(holder), self.bg, 0.45)
        else:
            fill = self.color(holder)
        if claimants:  # a rim outside the shape (the fill covers its inner half): small islands keep their fill
            p.fillPath(self._outline(built, rid, 3.0), self.color(claimants[0]))
        p.fillPath(path, fill)
        for i, pid in enumerate(claimants[: len(HATCHES)]):
            p.fillPath(path, QBrush(self.color(pid), HATCHES[i]))
        if hovered or lit:
            p.fillPath(self._outline(built, rid, 2.5), self.fg)
        elif holder is not None and st.holder_kind == "occupies":
            p.fillPath(self._outline(built, rid, 1.5), self.color(holder))
        elif not claimants:
            pen = QPen(self.outline, 0.8)  # a thin cosmetic pen is cheap; wide ones are cached outlines
            pen.setCosmetic(True)
            p.strokePath(path, pen)

    @staticmethod
    def _outline(built: dict, rid: str, width: float) -> QPainterPath:
        """The region's outline as a filled shape `width` pixels wide, built once per view
        (filling it costs a fraction of stroking a wide antialiased pen every frame)."""
        cache = built.setdefault("outlines", {})
        got = cache.get((rid, width))
        if got is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(width)
            stroker.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
            got = cache[(rid, width)] = stroker.createStroke(built["regions"][rid]).simplified()
        return got

    def _labels(self, p: QPainter, rect: QRectF, built: dict, avoid: QRectF) -> None:
        font = QFont(p.font())
        font.setPixelSize(round(max(9.0, min(13.0, rect.width() / 52))))
        p.setFont(font)
        key = (avoid.x(), avoid.y(), avoid.width(), avoid.height())
        if built["labels"] is None or built["labels"][0] != key:
            built["labels"] = (key, self._place_labels(QFontMetricsF(font), rect, built, avoid))
        placed = built["labels"][1]

        def draw(q: QPainter) -> None:
            q.setFont(font)
            fm = QFontMetricsF(font)
            pen = QPen(self.bg, 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            vector = q.paintEngine() is None or q.paintEngine().type() != QPaintEngine.Type.Raster
            for text, box in placed:
                at = QPointF(box.left() + 2, box.top() + fm.ascent())
                if vector:  # on paper a soft box, not glyph outlines (14 KB a map) nor the text again (read twice)
                    back = QColor(self.bg)
                    back.setAlpha(190)
                    q.setPen(Qt.PenStyle.NoPen)
                    q.setBrush(back)
                    q.drawRoundedRect(QRectF(box.left(), box.top() + 1, fm.horizontalAdvance(text) + 4, fm.height() - 1),
                                      2, 2)
                else:
                    halo = QPainterPath()
                    halo.addText(at, font, text)
                    q.strokePath(halo, pen)  # a halo keeps the name readable on any fill
                q.setPen(self.fg)
                q.drawText(at, text)

        bounds = QRectF()
        for _, box in placed:
            bounds = bounds.united(box.adjusted(-3, -3, 3, 3))
        self.layer(p, bounds, ("labels", key, tuple(placed)), draw)

    def layer(self, p: QPainter, rect: QRectF, key: tuple, draw) -> None:
        """Draw through a cached transparent image on raster devices (labels and legend change rarely);
        straight onto vector devices (PDF), which stay vector."""
        if rect.isEmpty():
            return
        if p.paintEngine() is None or p.paintEngine().type() != QPaintEngine.Type.Raster:
            draw(p)
            return
        dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        full = (key, rect.x(), rect.y(), rect.width(), rect.height(), dpr, self.bg.rgba(), self.fg.rgba(),
                self.muted.rgba(), p.font().key())
        layers = self.cache.setdefault("layers", {})
        img = layers.get(key[0])
        if img is None or img[0] != full:
            image = QImage(max(1, round(rect.width() * dpr)), max(1, round(rect.height() * dpr)),
                           QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            q = QPainter(image)
            q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            q.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            q.translate(-rect.x(), -rect.y())
            q.setFont(p.font())
            try:
                draw(q)
            finally:
                q.end()
            img = layers[key[0]] = (full, image)
        p.drawImage(rect.topLeft(), img[1])

    def _place_labels(self, fm: QFontMetricsF, rect: QRectF, built: dict, avoid: QRectF) -> list[tuple[str, QRectF]]:
        """Greedy: big regions first, centred; a label wider than its region goes beside it."""
        placed: list[tuple[str, QRectF]] = [("", avoid)] if not avoid.isEmpty() else []
        room = rect.adjusted(0, 0, 0, -fm.height())  # the attribution line stays clear
        order = sorted(self.geo.regions.values(), key=lambda r: -built["regions"][r.id].boundingRect().width())
        for region in order:
            area = built["regions"][region.id].boundingRect()
            if area.isEmpty() or not rect.intersects(area):
                continue
            anchor = label_point(region)
            if anchor is None:
                continue
            scale, ox, oy = self.fit(rect, *self._key[4:])
            c = QPointF(anchor[0] * KX * scale + ox, -anchor[1] * scale + oy)
            if not room.contains(c):  # zoomed in: a region whose middle is off screen is left unnamed
                continue
            main = _main_box(region, scale, ox, oy)
            w, h = fm.horizontalAdvance(region.name) + 4, fm.height()
            centred = QRectF(c.x() - w / 2, c.y() - h / 2, w, h)
            r, lft, top, bot = main.right() + 3, main.left() - w - 3, main.top() - h - 1, main.bottom() + 1
            beside = [QRectF(r, c.y() - h / 2, w, h), QRectF(lft, c.y() - h / 2, w, h),
                      QRectF(c.x() - w / 2, bot, w, h), QRectF(c.x() - w / 2, top, w, h),
                      QRectF(r, bot - 2, w, h), QRectF(r, top + 2, w, h), QRectF(lft, bot - 2, w, h)]
            fits = w < main.width() * 0.6 and h < main.height() * 0.5
            tries = [centred, *beside] if fits else beside + [centred]
            others = [pa for rid, pa in built["regions"].items() if rid != region.id]
            free = [b for b in tries if room.contains(b) and not any(b.intersects(o) for _, o in placed)]
            # a label beside an island should not cover another region's land; if it must, the first free place
            best = next((b for b in free if (fits and b is centred) or not any(o.intersects(b) for o in others)),
                        free[0] if free else None)
            if best is not None:
                placed.append((region.name, best))
        return [(t, b) for t, b in placed if t]
