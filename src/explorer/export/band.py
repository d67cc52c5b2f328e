"""Small pictures painted on printed pages (QtGui only): where an event sits in the whole
span, and the stance band — each side's stance over a range of dates, the one in force
on a given day marked.

Sizes are given in millimetres of the page (`unit` device pixels each) and fonts in
points, so both come out the same on a card, a handout page or a poster.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from ..core.dates import civil_from_days, display_day, year_label
from ..core.model import Dataset, Event
from ..render.palette import readable_on

CURSOR = "#d62728"  # the date marker: the app's cursor colour


def _blend(color: str, alpha: float, over: str = "#ffffff") -> QColor:
    a, b = QColor(color), QColor(over)
    return QColor(round(a.red() * alpha + b.red() * (1 - alpha)), round(a.green() * alpha + b.green() * (1 - alpha)),
                  round(a.blue() * alpha + b.blue() * (1 - alpha)))


def stance_segments(ds: Dataset, party: str, lo: float, hi: float) -> list[tuple[float, float, object]]:
    """(start, end, position) of each stance of `party` that meets [lo, hi], clipped to it."""
    out = []
    stances = ds.stances_of(party)
    for i, pos in enumerate(stances):
        a = pos.since.start
        b = pos.until.end if pos.until is not None else (stances[i + 1].since.start if i + 1 < len(stances) else hi)
        if i + 1 < len(stances):
            b = min(b, stances[i + 1].since.start)
        a, b = max(a, lo), min(b, hi)
        if b > a:
            out.append((a, b, pos))
    return out


def paint_band(p: QPainter, rect: QRectF, ds: Dataset, lo: float, hi: float, day: float | None = None, *,
               data_left: float | None = None, data_right: float | None = None, unit: float = 1.0,
               font_pt: float = 7.0, dark: bool = False) -> None:
    """Each side's stances from `lo` to `hi` as a row of segments, the stance in force on `day`
    darker and outlined, and `day` marked. The dates run from `data_left` to `data_right`
    (to line up with a timeline above), by default across `rect` after a column of names.
    `dark`: on a dark page (the tints mix with it, not with white)."""
    base, empty, rule, ink = (("#16181c", "#1c1f24", "#3a3f47", "#e6e8eb") if dark
                              else ("#ffffff", "#f4f5f7", "#c4c8cf", "#1d2026"))
    sides = [s for s in ds.side_ids if s in ds.parties]
    if not sides or hi <= lo:
        return
    font = QFont()
    font.setPointSizeF(font_pt)
    fm = QFontMetricsF(font, p.device())
    bold = QFont(font)
    bold.setBold(True)
    names = [ds.parties[s].name_at(day if day is not None else hi) for s in sides]
    if data_left is None:
        data_left = rect.left() + max(QFontMetricsF(bold, p.device()).horizontalAdvance(n) for n in names) + 3 * unit
    if data_right is None:
        data_right = rect.right()
    width = max(data_right - data_left, 1.0)

    def x(d: float) -> float:
        return data_left + (d - lo) / (hi - lo) * width

    row_h = rect.height() / len(sides)
    p.save()
    for r, (party, name) in enumerate(zip(sides, names)):
        color = ds.parties[party].color
        top = rect.top() + r * row_h
        row = QRectF(data_left, top + 0.4 * unit, width, row_h - 0.8 * unit)
        p.setFont(bold)
        p.setPen(QColor(color))
        label = QRectF(rect.left(), top, data_left - rect.left() - 2 * unit, row_h)
        p.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(name, Qt.TextElideMode.ElideRight, max(label.width(), 1.0)))
        p.setPen(QPen(QColor(rule), 0.15 * unit))
        p.setBrush(QColor(empty))
        p.drawRect(row)  # the whole range: where no stance is recorded it stays pale grey
        p.setFont(font)
        in_force = ds.position_at(party, day) if day is not None else None
        for k, (a, b, pos) in enumerate(stance_segments(ds, party, lo, hi)):
            seg = QRectF(x(a), row.top(), x(b) - x(a), row.height())
            now = pos is in_force
            fill = _blend(color, 0.62 if now else (0.16 if k % 2 else 0.28), base)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(fill)
            p.drawRect(seg)
            p.setPen(QPen(QColor(base), 0.3 * unit))
            p.drawLine(QPointF(seg.left(), seg.top()), QPointF(seg.left(), seg.bottom()))  # a change of stance
            if seg.width() > 10 * unit:
                p.setPen(QColor(readable_on(fill.name())))
                text = fm.elidedText(pos.stance, Qt.TextElideMode.ElideRight, seg.width() - 2 * unit)
                p.drawText(seg.adjusted(unit, 0, -unit, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           text)
            if now:
                p.setPen(QPen(QColor(ink), 0.35 * unit))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(seg)
    if day is not None and lo <= day <= hi:
        p.setPen(QPen(QColor(CURSOR), 0.5 * unit))
        p.drawLine(QPointF(x(day), rect.top()), QPointF(x(day), rect.bottom()))
    p.restore()


def paint_span_strip(p: QPainter, r: QRectF, ds: Dataset, ev: Event, unit: float, ticks: list[float]) -> None:
    """The whole span as a line with its eras, a tick per occupied stretch, and `ev` in red."""
    lo, hi = span_of(ds)

    def x(day: float) -> float:
        return r.left() + (day - lo) / (hi - lo) * r.width()

    mid = r.top() + r.height() * 0.45
    p.save()
    for era in ds.eras:
        a, b = max(era.date.start, lo), min(era.date.end, hi)
        if b > a:
            p.fillRect(QRectF(x(a), mid - r.height() * 0.22, x(b) - x(a), r.height() * 0.44), QColor(era.color))
    p.setPen(QPen(QColor("#999"), 0.25 * unit))
    p.drawLine(QPointF(r.left(), mid), QPointF(r.right(), mid))
    p.setPen(QPen(QColor("#888"), 0.15 * unit))
    marks = QPainterPath()  # one tick per occupied bin, however many events: one path, not a line each
    for t in ticks:
        marks.moveTo(x(t), mid - 0.8 * unit)
        marks.lineTo(x(t), mid + 0.8 * unit)
    p.drawPath(marks)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(CURSOR))
    x0, x1 = x(ev.start), x(ev.end)
    if x1 - x0 > 1.2 * unit:
        p.drawRect(QRectF(x0, mid - 0.9 * unit, x1 - x0, 1.8 * unit))
    p.drawEllipse(QPointF((x0 + x1) / 2 if not ev.is_interval else x0, mid), 1.3 * unit, 1.3 * unit)
    f = QFont()
    f.setPointSizeF(6.5)
    p.setFont(f)
    p.setPen(QColor("#555"))
    below = QRectF(r.left(), mid + 1.2 * unit, r.width(), r.height() / 2)
    p.drawText(below, Qt.AlignmentFlag.AlignLeft, year_label(civil_from_days(int(lo + 30))[0]))
    p.drawText(below, Qt.AlignmentFlag.AlignRight, year_label(civil_from_days(int(hi - 30))[0]))
    p.restore()


def span_of(ds: Dataset) -> tuple[float, float]:
    lo, hi = ds.span()
    return lo - 30, hi + 30


def span_ticks(ds: Dataset, bins: int = 240) -> list[float]:
    import numpy as np

    lo, hi = span_of(ds)
    starts = np.fromiter((e.start for e in ds.events), dtype=np.float64, count=len(ds.events))
    counts, edges = np.histogram(starts, bins=bins, range=(lo, hi))
    return [float(e) for e, c in zip(edges[:-1], counts) if c]


def context_range(ds: Dataset, ev: Event, neighbours: int = 6, min_days: float = 365.25 * 8,
                  max_days: float = 365.25 * 80) -> tuple[float, float]:
    """Dates centred on `ev` that show it among its nearest events (a few on each side), from
    `min_days` to `max_days` wide: a lonely event is shown with its decades, not the whole span."""
    i = ds.index_of(ev.id)
    events = ds.events
    mid = (ev.start + ev.end) / 2
    reach = (ev.end - ev.start) / 2
    if i >= 0:
        for j in (max(i - neighbours, 0), min(i + neighbours, len(events) - 1)):
            reach = max(reach, abs(events[j].start - mid))
    half = min(max(reach * 1.06, min_days / 2), max(max_days / 2, (ev.end - ev.start) / 2 * 1.1))
    return mid - half, mid + half


def date_caption(lo: float, hi: float) -> str:
    return f"{display_day(lo)} – {display_day(hi)}"
