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
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from ...core.dates import display_day
from ...core.geo import Geo, RegionState, label_point

KX = math.cos(math.radians(46.0))
HATCHES = (Qt.BrushStyle.BDiagPattern, Qt.BrushStyle.FDiagPattern, Qt.BrushStyle.CrossPattern)
KIND_WORDS = {"administers": "administers", "occupies": "occupies", "claims": "claims"}


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b`."""
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


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


class MapPainter:
    """Projection, cached paths and drawing of one Geo; knows nothing about widgets."""

    def __init__(self, geo: Geo, colors: dict[str, str], name_of: Callable[[str, float], str] | None = None):
        self.geo = geo
        self.colors = {pid: QColor(c) for pid, c in colors.items()}
        self.name_of = name_of or (lambda pid, _day: pid)
        self.labels = True
        self.legend = True
        self.set_theme("#ffffff", "#1d2026", "#5b6270")
        self._key = None
        self._built: dict = {}
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
                        xs, ys = ring[0::2], ring[1::2]
                        path.addPolygon(QPolygonF([QPointF(x * KX * scale + ox, -y * scale + oy) for x, y in zip(xs, ys)]))
                        path.closeSubpath()
                return path

            lines = {}
            for b in self.geo.boundaries:
                p = QPainterPath()
                for ln in b.lines:
                    p.addPolygon(QPolygonF([QPointF(x * KX * scale + ox, -y * scale + oy)
                                            for x, y in zip(ln[0::2], ln[1::2])]))
                lines[b.id] = p
            self._built = {"regions": {rid: polygon_path(r.polygons) for rid, r in self.geo.regions.items()},
                           "land": polygon_path(self.geo.land), "lines": lines, "labels": None}
            self._key = key
        return self._built

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
        for rid, path in built["regions"].items():
            self._region(p, path, states.get(rid), rid == hover, rid in highlight)
        dash = QPen(self.fg, 2.0, Qt.PenStyle.DashLine)
        dash.setCosmetic(True)
        p.setPen(dash)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for b in self.geo.boundaries_at(day):
            p.drawPath(built["lines"][b.id])
        legend = self._legend_rows(p, rect, day, states) if self.legend else None
        if self.labels:
            self._labels(p, rect, built, legend[2] if legend else QRectF())
        if legend:
            self._legend(p, *legend)
        p.restore()

    def _region(self, p: QPainter, path: QPainterPath, st: RegionState | None, hovered: bool, lit: bool) -> None:
        holder = st.holder if st else None
        claimants = st.claimants if st else []
        if holder is None:
            fill = self.land
        elif st.holder_kind == "occupies":
            fill = blend(self.color(holder), self.bg, 0.45)
        else:
            fill = self.color(holder)
        if claimants:  # a rim outside the shape (the fill covers its inner half): small islands keep their fill
            rim = QPen(self.color(claimants[0]), 3.0)
            rim.setCosmetic(True)
            rim.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.strokePath(path, rim)
        p.fillPath(path, fill)
        for i, pid in enumerate(claimants[: len(HATCHES)]):
            p.fillPath(path, QBrush(self.color(pid), HATCHES[i]))
        if hovered or lit:
            pen = QPen(self.fg, 2.5)
        elif holder is not None and st.holder_kind == "occupies":
            pen = QPen(self.color(holder), 1.5)
        elif claimants:
            return
        else:
            pen = QPen(self.outline, 0.8)
        pen.setCosmetic(True)
        p.strokePath(path, pen)

    def _labels(self, p: QPainter, rect: QRectF, built: dict, avoid: QRectF) -> None:
        font = QFont(p.font())
        font.setPointSizeF(max(7.0, min(10.0, rect.width() / 70)))
        p.setFont(font)
        key = (avoid.x(), avoid.y(), avoid.width(), avoid.height())
        if built["labels"] is None or built["labels"][0] != key:
            built["labels"] = (key, self._place_labels(QFontMetricsF(font), rect, built, avoid))
        fm = QFontMetricsF(font)
        pen = QPen(self.bg, 3.0)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for text, box in built["labels"][1]:
            at = QPointF(box.left() + 2, box.top() + fm.ascent())
            halo = QPainterPath()
            halo.addText(at, font, text)
            p.strokePath(halo, pen)
            p.setPen(self.fg)
            p.drawText(at, text)

    def _place_labels(self, fm: QFontMetricsF, rect: QRectF, built: dict, avoid: QRectF) -> list[tuple[str, QRectF]]:
        """Greedy: big regions first, centred; a label wider than its region goes beside it."""
        placed: list[tuple[str, QRectF]] = [("", avoid)] if not avoid.isEmpty() else []
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
            main = _main_box(region, scale, ox, oy)
            w, h = fm.horizontalAdvance(region.name) + 4, fm.height()
            centred = QRectF(c.x() - w / 2, c.y() - h / 2, w, h)
            beside = [QRectF(main.right() + 3, c.y() - h / 2, w, h), QRectF(main.left() - w - 3, c.y() - h / 2, w, h),
                      QRectF(c.x() - w / 2, main.bottom() + 1, w, h), QRectF(c.x() - w / 2, main.top() - h - 1, w, h)]
            area = main
            tries = [centred, *beside] if w < area.width() * 0.6 and h < area.height() * 0.5 else beside + [centred]
            for box in tries:
                if rect.contains(box) and not any(box.intersects(other) for _, other in placed):
                    placed.append((region.name, box))
                    break
        return [(t, b) for t, b in placed if t]

    def _legend_box(self, rect: QRectF, w: float, h: float) -> QRectF:
        """The corner (or top middle) where the legend covers the least land."""
        built = self._built
        key = (round(w), round(h))
        if built.get("legend_at", (None,))[0] == key:
            return QRectF(built["legend_at"][1], built["legend_at"][2], w, h)
        paths = [built["land"], *built["regions"].values()]
        m = 8.0
        spots = [(rect.left() + m, rect.top() + m), (rect.right() - w - m, rect.top() + m),
                 (rect.center().x() - w / 2, rect.top() + m), (rect.left() + m, rect.bottom() - h - m - 12),
                 (rect.right() - w - m, rect.bottom() - h - m - 12)]

        def covered(x: float, y: float) -> int:
            return sum(any(pa.contains(QPointF(x + w * i / 5, y + h * j / 5)) for pa in paths)
                       for i in range(6) for j in range(6))

        x, y = min(spots, key=lambda s: covered(*s))
        built["legend_at"] = (key, x, y)
        return QRectF(x, y, w, h)

    def _legend_rows(self, p: QPainter, rect: QRectF, day: float, states: dict[str, RegionState]):
        font = QFont(p.font())
        font.setPointSizeF(max(7.0, min(9.0, rect.width() / 80)))
        fm = QFontMetricsF(font)
        parties: list[str] = []
        for st in states.values():
            for pid in ([st.holder] if st.holder else []) + list(st.claimants):
                if pid not in parties:
                    parties.append(pid)
        kinds = {st.holder_kind for st in states.values() if st.holder}
        rows: list[tuple[str, str, object]] = [("title", display_day(int(day)), None)]
        rows += [("party", self.name_of(pid, day), pid) for pid in parties]
        if "administers" in kinds:
            rows.append(("solid", "administers", None))
        if "occupies" in kinds:
            rows.append(("light", "occupies", None))
        if any(st.claimants for st in states.values()):
            rows.append(("hatch", "claims (hatched, outlined)", None))
        if any(st.holder is None for st in states.values()):
            rows.append(("none", "no holder recorded", None))
        if self.geo.boundaries_at(day):
            rows.append(("line", "boundary line in force", None))
        lh, sw = fm.height() + 3, 14.0
        width = max(fm.horizontalAdvance(t) for _, t, _ in rows) + sw + 18
        return rect, font, self._legend_box(rect, width, lh * len(rows) + 8), rows

    def _legend(self, p: QPainter, rect: QRectF, font: QFont, box: QRectF, rows: list) -> None:
        fm = QFontMetricsF(font)
        lh, sw = fm.height() + 3, 14.0
        p.setPen(QPen(self.outline, 0.8))
        back = QColor(self.bg)
        back.setAlpha(225)
        p.setBrush(back)
        p.drawRoundedRect(box, 4, 4)
        y = box.top() + 4
        grey = blend(self.fg, self.bg, 0.5)
        for kind, text, pid in rows:
            sq = QRectF(box.left() + 6, y + (lh - 11) / 2, sw, 11)
            if kind == "party":
                p.fillRect(sq, self.color(pid))
            elif kind == "solid":
                p.fillRect(sq, grey)
            elif kind == "light":
                p.fillRect(sq, blend(grey, self.bg, 0.45))
            elif kind == "hatch":
                p.fillRect(sq, QBrush(grey, HATCHES[0]))
            elif kind == "none":
                p.fillRect(sq, self.land)
            elif kind == "line":
                pen = QPen(self.fg, 2.0, Qt.PenStyle.DashLine)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.drawLine(QPointF(sq.left(), sq.center().y()), QPointF(sq.right(), sq.center().y()))
            p.setPen(self.fg)
            tx = box.left() + 6 if kind == "title" else sq.right() + 6
            f2 = QFont(font)
            f2.setBold(kind == "title")
            p.setFont(f2)
            p.drawText(QRectF(tx, y, box.right() - tx - 4, lh), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, text)
            y += lh
        if self.geo.attribution:
            small = QFont(font)
            small.setPointSizeF(max(6.0, font.pointSizeF() - 1.5))
            p.setFont(small)
            p.setPen(self.muted)
            text = QFontMetricsF(small).elidedText(self.geo.attribution, Qt.TextElideMode.ElideRight, rect.width() - 12)
            p.drawText(rect.adjusted(6, 0, -6, -3), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
                       | Qt.TextFlag.TextSingleLine, text)
