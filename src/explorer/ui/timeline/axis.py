"""A date axis over day numbers: labels from billions of years down to days, BCE too.

Beyond millennia (deep time, EDTF long years) ticks count years before the
present (1950, as "BP" does) and read "10 ka", "66 Ma", "13.8 Ga"."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPen

from ...core.dates import MONTHS_SHORT, PRESENT_YEAR, civil_from_days, days_from_civil, year_label
from ...render.palette import LIGHT
from .guarded_paint import guarded_paint

# (name, kind, step) from coarse to fine; kind says which calendar field steps ("ago": years before 1950)
DEEP = [(f"{n} {u}", "ago", n * size) for u, size, steps in (
    ("Ga", 10**9, (5, 2, 1)), ("Ma", 10**6, (500, 200, 100, 50, 20, 10, 5, 2, 1)),
    ("ka", 10**3, (500, 200, 100, 50, 20, 10))) for n in steps]
UNITS = DEEP + [
    ("5 millennia", "year", 5000), ("2 millennia", "year", 2000),
    ("millennia", "year", 1000), ("5 centuries", "year", 500), ("centuries", "year", 100),
    ("50 years", "year", 50), ("decades", "year", 10), ("5 years", "year", 5),
    ("2 years", "year", 2), ("years", "year", 1), ("6 months", "month", 6),
    ("3 months", "month", 3), ("months", "month", 1), ("weeks", "day", 7),
    ("2 days", "day", 2), ("days", "day", 1),
]
_APPROX_DAYS = {"ago": 365.2425, "year": 365.2425, "month": 30.44, "day": 1.0}
LABEL_PX = 96  # room a label needs


class DirectAxis(pg.AxisItem):
    """An AxisItem that paints straight onto the view, with opaque grid lines.

    pyqtgraph records each axis into a QPicture and replays it; the axis changes
    on every pan and zoom frame anyway, so that only adds work. And its grid
    lines are translucent: Qt's raster engine draws a translucent vertical line
    about 15x slower than an opaque one (140 µs against 9 µs here), so the
    colour is mixed with the background once and drawn opaque."""

    background = QColor(LIGHT.base)  # until apply_theme sets the theme's

    def set_background(self, color: QColor) -> None:
        self.background = QColor(color)
        self._pens: dict[int, QPen] = {}
        self._spec_key = None  # pens and colours change with the theme
        self.update()

    def setTicks(self, ticks):
        self._spec_key = None
        super().setTicks(ticks)

    def _opaque(self, pen: QPen) -> QPen:
        c = pen.color()
        if c.alpha() == 255:
            return pen
        cache = self.__dict__.setdefault("_pens", {})
        out = cache.get(c.rgba())
        if out is None:
            a, bg = c.alphaF(), self.background
            mixed = QColor(round(c.red() * a + bg.red() * (1 - a)), round(c.green() * a + bg.green() * (1 - a)),
                           round(c.blue() * a + bg.blue() * (1 - a)))
            out = QPen(pen)
            out.setColor(mixed)
            cache[c.rgba()] = out
        return out

    @guarded_paint
    def paint(self, p, opt, widget):
        p.save()
        try:
            if self.style["tickFont"]:
                p.setFont(self.style["tickFont"])
            key = (tuple(self.range), self.geometry().getRect(), id(self._tickLevels), self.style["tickFont"] and
                   self.style["tickFont"].key())
            if key == getattr(self, "_spec_key", None):  # e.g. the lane axis while panning in time
                specs = self._spec_cache
            else:
                specs = self.generateDrawSpecs(p)
                self._spec_key, self._spec_cache = key, specs
            if specs is not None:
                axis_spec, tick_specs, text_specs = specs
                tick_specs = [(self._opaque(pen), a, b) for pen, a, b in tick_specs]
                self.drawPicture(p, axis_spec, tick_specs, text_specs)
        finally:
            p.restore()


def unit_days(unit) -> float:
    return _APPROX_DAYS[unit[1]] * unit[2]


def pick_unit(span_days: float, width_px: float, label_px: float = LABEL_PX):
    """The finest unit whose ticks are at least `label_px` apart."""
    target = span_days / max(width_px / label_px, 1.0)
    best = UNITS[0]
    for unit in UNITS:
        if unit_days(unit) >= target:
            best = unit
    return best


def ticks(unit, lo: float, hi: float, limit: int = 2000) -> list[int]:
    """Day numbers of calendar boundaries of `unit` within [lo, hi]."""
    _, kind, step = unit
    out: list[int] = []
    if kind == "ago":
        y_lo, y_hi = civil_from_days(int(lo))[0], civil_from_days(int(hi))[0]
        n = (PRESENT_YEAR - y_lo) // step * step  # the most years ago a tick at or after `lo` can be
        while len(out) < limit and PRESENT_YEAR - n <= y_hi:
            out.append(days_from_civil(PRESENT_YEAR - n, 1, 1))
            n -= step
    elif kind == "day":
        first = int(lo) - int(lo) % step
        out = list(range(first, int(hi) + 1, step))
    else:
        y0, m0, _ = civil_from_days(int(lo))
        if kind == "year":
            y = y0 - y0 % step
            while len(out) < limit:
                d = days_from_civil(y, 1, 1)
                if d > hi:
                    break
                out.append(d)
                y += step
        else:
            idx = (y0 * 12 + m0 - 1) // step * step
            while len(out) < limit:
                d = days_from_civil(idx // 12, idx % 12 + 1, 1)
                if d > hi:
                    break
                out.append(d)
                idx += step
    return [d for d in out if lo <= d <= hi][:limit]


def ago_label(years: int) -> str:
    """'10 ka', '66 Ma', '13.8 Ga' (years before 1950); 'in 5 Ga' for the future; '0' for 1950."""
    size, unit = next(((s, u) for s, u in ((10**9, "Ga"), (10**6, "Ma"), (10**3, "ka"), (1, "a"))
                       if abs(years) >= s), (1, "a"))
    value = f"{abs(years) / size:.3f}".rstrip("0").rstrip(".")
    if years == 0:
        return "0"
    return f"{value} {unit}" if years > 0 else f"in {value} {unit}"


def label(unit, day: float) -> str:
    y, m, d = civil_from_days(int(round(day)))
    kind = unit[1]
    if kind == "ago":
        return ago_label(PRESENT_YEAR - y)
    if kind == "year":
        return year_label(y)
    if kind == "month":
        return f"{MONTHS_SHORT[m - 1]} {year_label(y)}" if m != 1 or unit[2] > 1 else year_label(y)
    return f"{d} {MONTHS_SHORT[m - 1]} {year_label(y)}" if d != 1 or m != 1 else f"1 Jan {year_label(y)}"


class DateAxis(DirectAxis):
    """Bottom axis whose values are day numbers (see core.dates)."""

    def __init__(self, *args, **kwargs):
        super().__init__("bottom", *args, **kwargs)
        self.current_unit = next(u for u in UNITS if u[0] == "years")
        self._minor = None
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False)

    def tickValues(self, minVal, maxVal, size):
        if maxVal <= minVal or size <= 0:
            return []
        unit = pick_unit(maxVal - minVal, size)
        self.current_unit = unit
        i = UNITS.index(unit)
        minor = UNITS[min(i + 1, len(UNITS) - 1)]
        self._minor = minor
        major = ticks(unit, minVal, maxVal)
        minor_ticks = [t for t in ticks(minor, minVal, maxVal) if t not in set(major)] if minor is not unit else []
        return [(unit_days(unit), major), (unit_days(minor), minor_ticks)]

    def tickStrings(self, values, scale, spacing):
        if abs(spacing - unit_days(self.current_unit)) < 1e-6:
            return [label(self.current_unit, v) for v in values]
        return ["" for _ in values]

    def labels_for_view(self, lo: float | None = None, hi: float | None = None) -> list[str]:
        """The major labels for a range (default: the axis range)."""
        if lo is None or hi is None:
            lo, hi = self.range
        return [label(self.current_unit, v) for v in ticks(self.current_unit, lo, hi)]
