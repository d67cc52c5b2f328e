"""The map's legend: the day, the parties on the map that day, what the fills mean, the attribution.

Its place is chosen once per view (the corner, or the top middle, where the largest legend of
any day covers the least land), so it never jumps while scrubbing, and labels avoid it. The
box is drawn through a cached layer; only the date changes with every frame.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from ...core.dates import display_day
from ...core.geo import RegionState


def draw_legend(mp, p: QPainter, rect: QRectF, place: QRectF, day: float, states: dict[str, RegionState]) -> None:
    font, w, h, rows = legend_rows(mp, p, rect, day, states)
    top = place.top() if place.top() < rect.center().y() else place.bottom() - h
    _legend(mp, p, rect, font, QRectF(place.left(), top, w, h), rows)


def legend_place(mp, p: QPainter, rect: QRectF) -> QRectF:
    """Room for the largest legend this map needs on any day, in the corner (or top middle) where
    it covers the least land: computed once per view, so the legend and the labels stay put."""
    got = mp.cache.get("legend_place")
    if got is not None:
        return got
    geo = mp.geo
    w = h = 0.0
    for d in sorted({c.since.start for c in geo.controls} | {c.until.start for c in geo.controls if c.until}):
        _, dw, dh, _ = legend_rows(mp, p, rect, d, geo.state_at(d))
        w, h = max(w, dw), max(h, dh)
    built = mp.cache
    paths = [built["land"], *built["regions"].values()]
    m = 8.0
    spots = [(rect.left() + m, rect.top() + m), (rect.right() - w - m, rect.top() + m),
             (rect.center().x() - w / 2, rect.top() + m), (rect.left() + m, rect.bottom() - h - m - 12),
             (rect.right() - w - m, rect.bottom() - h - m - 12)]

    def covered(x: float, y: float) -> int:
        return sum(any(pa.contains(QPointF(x + w * i / 5, y + h * j / 5)) for pa in paths)
                   for i in range(6) for j in range(6))

    x, y = min(spots, key=lambda s: covered(*s))
    got = built["legend_place"] = QRectF(x, y, w, h)
    return got

def legend_rows(mp, p: QPainter, rect: QRectF, day: float, states: dict[str, RegionState]):
    """(font, width, height, rows) of the legend for `day`."""
    font = QFont(p.font())
    font.setPixelSize(round(max(9.0, min(12.0, rect.width() / 60))))  # pixels: the same on a scaled PDF page
    fm = QFontMetricsF(font)
    parties: list[str] = []
    for st in states.values():
        for pid in ([st.holder] if st.holder else []) + list(st.claimants):
            if pid not in parties:
                parties.append(pid)
    kinds = {st.holder_kind for st in states.values() if st.holder}
    rows: list[tuple[str, str, object]] = [("title", display_day(int(day)), None)]
    rows += [("party", mp.name_of(pid, day), pid) for pid in parties]
    if "administers" in kinds:
        rows.append(("solid", "administers", None))
    if "occupies" in kinds:
        rows.append(("light", "occupies", None))
    if any(st.claimants for st in states.values()):
        rows.append(("hatch", "claims (hatched, outlined)", None))
    if any(st.holder is None for st in states.values()):
        rows.append(("none", "no holder recorded", None))
    if mp.geo.boundaries_at(day):
        rows.append(("line", "boundary line in force", None))
    lh, sw = fm.height() + 3, 14.0
    bold = QFont(font)
    bold.setBold(True)
    widest_day = QFontMetricsF(bold).horizontalAdvance("30 September 0000") - sw  # the box keeps its size
    width = max(widest_day, *(fm.horizontalAdvance(t) for _, t, _ in rows[1:])) + sw + 18
    return font, width, lh * len(rows) + 8, rows

def _legend(mp, p: QPainter, rect: QRectF, font: QFont, box: QRectF, rows: list) -> None:
    key = ("legend", box.x(), box.y(), box.width(), box.height(), tuple((k, t, str(pid)) for k, t, pid in rows[1:]),
           tuple(sorted((k, c.rgba()) for k, c in mp.colors.items())))
    mp.layer(p, box.adjusted(-1, -1, 1, 1), key, lambda q: _draw_box(mp, q, rect, font, box, rows))
    bold = QFont(font)  # the date changes with every frame: drawn over the cached box
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(mp.fg)
    fm = QFontMetricsF(font)
    p.drawText(QRectF(box.left() + 6, box.top() + 4, box.width() - 10, fm.height() + 3),
               Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, rows[0][1])
    if mp.geo.attribution:
        small = QFont(font)
        small.setPixelSize(max(8, font.pixelSize() - 2))
        p.setFont(small)
        p.setPen(mp.muted)
        text = QFontMetricsF(small).elidedText(mp.geo.attribution, Qt.TextElideMode.ElideRight, rect.width() - 12)
        p.drawText(rect.adjusted(6, 0, -6, -3), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
                   | Qt.TextFlag.TextSingleLine, text)

def _draw_box(mp, p: QPainter, rect: QRectF, font: QFont, box: QRectF, rows: list) -> None:
    fm = QFontMetricsF(font)
    lh, sw = fm.height() + 3, 14.0
    p.setPen(QPen(mp.outline, 0.8))
    back = QColor(mp.bg)
    back.setAlpha(225)
    p.setBrush(back)
    p.drawRoundedRect(box, 4, 4)
    y = box.top() + 4
    grey = blend(mp.fg, mp.bg, 0.5)
    for kind, text, pid in rows:
        sq = QRectF(box.left() + 6, y + (lh - 11) / 2, sw, 11)
        if kind == "party":
            p.fillRect(sq, mp.color(pid))
        elif kind == "solid":
            p.fillRect(sq, grey)
        elif kind == "light":
            p.fillRect(sq, blend(grey, mp.bg, 0.45))
        elif kind == "hatch":
            p.fillRect(sq, QBrush(grey, Qt.BrushStyle.BDiagPattern))
        elif kind == "none":
            p.fillRect(sq, mp.land)
        elif kind == "line":
            pen = QPen(mp.fg, 2.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLine(QPointF(sq.left(), sq.center().y()), QPointF(sq.right(), sq.center().y()))
        if kind == "title":
            y += lh
            continue
        p.setPen(mp.fg)
        tx = sq.right() + 6
        p.setFont(font)
        p.drawText(QRectF(tx, y, box.right() - tx - 4, lh), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine, text)
        y += lh


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b`."""
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))
