"""The date axis under the timeline: day numbers as calendar ticks and labels (`date_ticks`),
drawn straight onto the view, and the cursor's date as a tag on it."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QStaticText, QTransform

from ...core.dates import display_day
from ...render.palette import LIGHT
from .date_ticks import UNITS, label, minor_unit, pick_unit, ticks, unit_days
from .guarded_paint import guarded_paint


class DirectAxis(pg.AxisItem):
    """An AxisItem that paints straight onto the view, with opaque grid lines.

    pyqtgraph records each axis into a QPicture and replays it; the axis changes
    on every pan and zoom frame anyway, so that only adds work. And its grid
    lines are translucent: Qt's raster engine draws a translucent vertical line
    about 15x slower than an opaque one (140 µs against 9 µs here), so the
    colour is mixed with the background once and drawn opaque. Its lines go out in
    one `drawLines` per pen and its labels as cached static texts (the same pixels
    as pyqtgraph's one `drawLine` and `drawText` each: tests/ui/test_timeline_text_drawing.py)."""

    MAX_TEXTS = 2000

    background = QColor(LIGHT.base)  # until apply_theme sets the theme's

    def set_background(self, color: QColor) -> None:
        self.background = QColor(color)
        self._pens: dict[int, QPen] = {}
        self._spec_key = None  # pens and colours change with the theme
        self.update()

    def _texts(self, text_specs):
        return text_specs

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

    def _static(self, text: str, font: QFont, font_key: str) -> tuple[QStaticText, float, float]:
        cache = self.__dict__.setdefault("_statics", {})
        key = (text, font_key)
        got = cache.get(key)
        if got is None:
            if len(cache) >= self.MAX_TEXTS:
                cache.clear()
            st = QStaticText(text)
            st.setTextFormat(Qt.TextFormat.PlainText)
            st.prepare(QTransform(), font)
            size = st.size()
            got = cache[key] = (st, size.width(), size.height())
        return got

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.setRenderHint(p.RenderHint.TextAntialiasing, True)
        pen, p1, p2 = axisSpec
        p.setPen(pen)
        p.drawLine(p1, p2)
        run_pen, lines = None, []
        for pen, a, b in tickSpecs:  # (they come level by level: a run of ticks shares a pen)
            if run_pen is None or pen != run_pen:
                if lines:
                    p.setPen(run_pen)
                    p.drawLines(lines)
                run_pen, lines = pen, []
            lines.append(QLineF(a, b))
        if lines:
            p.setPen(run_pen)
            p.drawLines(lines)
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        p.setClipRect(self.boundingRect().toAlignedRect())
        font = self.style["tickFont"] or QFont()
        font_key = font.key()
        for rect, flags, text in textSpecs:
            if not text:
                continue
            flags = Qt.AlignmentFlag(int(flags) & 0xFF)
            st, w, h = self._static(text, font, font_key)
            if flags & Qt.AlignmentFlag.AlignHCenter:
                x = rect.left() + (rect.width() - w) / 2
            elif flags & Qt.AlignmentFlag.AlignRight:
                x = rect.right() - w
            else:
                x = rect.left()
            if flags & Qt.AlignmentFlag.AlignTop:
                y = rect.top()
            elif flags & Qt.AlignmentFlag.AlignBottom:
                y = rect.bottom() - h
            else:
                y = rect.top() + (rect.height() - h) / 2
            p.drawStaticText(QPointF(x, y), st)

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
                self.drawPicture(p, axis_spec, tick_specs, self._texts(text_specs))
        finally:
            p.restore()


class DateAxis(DirectAxis):
    """Bottom axis whose values are day numbers (see core.dates).

    It also carries the cursor's date, as a tag on the axis under the cursor line:
    never over events or stances, and kept whole at the edges of the view."""

    def __init__(self, *args, **kwargs):
        super().__init__("bottom", *args, **kwargs)
        self.current_unit = next(u for u in UNITS if u[0] == "years")
        self._minor = None
        self.cursor: float | None = None
        self.tag_fill, self.tag_text = QColor("#d62728"), QColor("#ffffff")
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False)
        self.enableAutoSIPrefix(False)  # (day numbers take no SI prefix; else every range change re-sets the label's HTML)

    def set_cursor(self, day: float | None) -> None:
        if day != self.cursor:
            self.cursor = day
            self.update()

    def _texts(self, text_specs):
        """Tick labels, but none half hidden under the cursor's tag."""
        tag = self.cursor_tag()
        if tag is None:
            return text_specs
        rect = tag[0].adjusted(-4, -50, 4, 50)
        return [spec for spec in text_specs if not spec[0].intersects(rect)]

    def cursor_tag(self):
        """(rectangle, text) of the cursor's tag in the axis' coordinates, None when out of view."""
        if self.cursor is None:
            return None
        r0, r1 = self.range
        bounds = self.mapRectFromParent(self.geometry())
        if r1 <= r0 or not r0 <= self.cursor <= r1:
            return None
        x = bounds.left() + (self.cursor - r0) / (r1 - r0) * bounds.width()
        font = self.style["tickFont"] or QFont()
        fm = QFontMetricsF(font)
        text = display_day(self.cursor)
        w, h = fm.horizontalAdvance(text) + 12, fm.height() + 4
        left = min(max(x - w / 2, bounds.left()), bounds.right() - w)
        return QRectF(left, bounds.top() + 2, w, h), text

    @guarded_paint
    def paint(self, p, opt, widget):
        super().paint(p, opt, widget)
        tag = self.cursor_tag()
        if tag is None:
            return
        rect, text = tag
        p.save()
        try:
            p.setRenderHint(p.RenderHint.Antialiasing, True)
            if self.style["tickFont"]:
                p.setFont(self.style["tickFont"])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.tag_fill)
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(self.tag_text)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        finally:
            p.restore()

    def generateDrawSpecs(self, p):
        """pyqtgraph's `AxisItem.generateDrawSpecs` for this axis (at the bottom, its own tick values),
        with the same result (tests/ui/test_axis_specs.py compares them on hundreds of ranges) and a
        fraction of the work: each label's text is measured once, not on every frame, the axis'
        bounding rectangle is found once a frame, not once a label, and points are plain QPointF.
        Anything it does not cover (fixed ticks, axis stops) goes to pyqtgraph's."""
        st = self.style
        if (self._tickLevels is not None or self.orientation != "bottom" or st["stopAxisAtTick"] != (False, False)
                or not st["showValues"] or st["tickAlpha"] is not None):
            return super().generateDrawSpecs(p)
        if st["tickFont"] is not None:
            p.setFont(st["tickFont"])
        bounds = self.mapRectFromParent(self.geometry())
        view = self.linkedView()
        tick_bounds = bounds if view is None or self.grid is False else view.mapRectToItem(self, view.boundingRect())
        span = (bounds.topLeft() + QPointF(-1.0, 1.0), bounds.topRight() + QPointF(1.0, 1.0))
        points = [self.mapToDevice(pt) for pt in span]
        if None in points:
            return None
        d = points[1] - points[0]
        length = math.hypot(d.x(), d.y())  # (as pyqtgraph's Point.length)
        if length == 0:
            return None
        levels = self.tickValues(self.range[0], self.range[1], length)
        r0, r1 = self.range
        dif = r1 - r0
        x_scale = 1 if dif == 0 else bounds.width() / dif
        offset = 0 if dif == 0 else r0 * x_scale
        x_lo, x_hi = sorted((r0 * x_scale - offset, r1 * x_scale - offset))
        tick_start, tick_stop = tick_bounds.top(), bounds.top()
        positions: list[list[float | None]] = []
        tick_specs = []
        base_pen = self.tickPen()
        for i, (_spacing, values) in enumerate(levels):
            alpha = 255 / (i + 1)
            if self.grid is not False:
                alpha *= self.grid / 255. * min(max(0.05 * length / (len(values) + 1), 0.), 1.)
            pen = base_pen
            if base_pen.brush().style() == Qt.BrushStyle.SolidPattern:
                pen = QPen(base_pen)
                color = QColor(pen.color())
                color.setAlpha(int(alpha))
                pen.setColor(color)
            stop = tick_stop if self.grid is not False else tick_stop + st["tickLength"] / (i * 0.5 + 1.0)
            xs = [v * x_scale - offset for v in values]
            xs = [x if x_lo <= x <= x_hi else None for x in xs]
            positions.append(xs)
            tick_specs += [(pen, QPointF(x, tick_start), QPointF(x, stop)) for x in xs if x is not None]
        axis_spec = (self.pen(), span[0], span[1])
        text_offset = st["tickTextOffset"][1]
        text_specs = []
        text_rects: list[QRectF] = []
        last_size2 = 0
        br = self.boundingRect()
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip
        font = p.font()
        for i in range(min(len(levels), st["maxTextLevel"] + 1)):
            spacing, values = levels[i]
            strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing)
            if not strings:
                continue
            xs = positions[i]
            sizes = [None if x is None else self._text_size(s, font, p) for s, x in zip(strings, xs)]
            text_rects += [s for s in sizes if s is not None]
            if text_rects:
                size = sum(w for w, _h in text_rects)
                size2 = max(h for _w, h in text_rects)
            else:
                size = size2 = 0
            if i > 0:
                ratio = float(size) / length
                if any(len(text_specs) >= n and ratio >= limit for n, limit in st["textFillLimits"]):
                    break
            last_size2 = size2
            top = tick_stop + max(0, st["tickLength"]) + text_offset
            for s, x, wh in zip(strings, xs, sizes):
                if wh is None:
                    continue
                rect = QRectF(x - wh[0] / 2., top, wh[0], wh[1])
                if br & rect != rect:
                    continue
                text_specs.append((rect, flags, s))
        self._updateMaxTextSize(last_size2)
        return axis_spec, tick_specs, text_specs

    def _text_size(self, text: str, font: QFont, p) -> tuple[float, float]:
        """(width, height) pyqtgraph gives a tick label: the painter's bounding box of the text
        centred in 100 x 100, 0.8 of its height; measured once a text and font."""
        cache = self.__dict__.setdefault("_sizes", {})
        key = (text, font.key())
        got = cache.get(key)
        if got is None:
            if len(cache) >= self.MAX_TEXTS:
                cache.clear()
            r = p.boundingRect(QRectF(0, 0, 100, 100), Qt.AlignmentFlag.AlignCenter, text)
            got = cache[key] = (r.width(), r.height() * 0.8)
        return got

    def tickValues(self, minVal, maxVal, size):
        if maxVal <= minVal or size <= 0:
            return []
        unit = pick_unit(maxVal - minVal, size)
        self.current_unit = unit
        minor = minor_unit(unit, size / (maxVal - minVal))
        self._minor = minor
        major = ticks(unit, minVal, maxVal)
        if minor is None:
            return [(unit_days(unit), major)]
        taken = set(major)
        return [(unit_days(unit), major), (unit_days(minor), [t for t in ticks(minor, minVal, maxVal) if t not in taken])]

    def tickStrings(self, values, scale, spacing):
        if abs(spacing - unit_days(self.current_unit)) < 1e-6:
            return [label(self.current_unit, v) for v in values]
        return []  # minor ticks: grid lines only (pyqtgraph then measures no text for them)

    def labels_for_view(self, lo: float | None = None, hi: float | None = None) -> list[str]:
        """The major labels for a range (default: the axis range)."""
        if lo is None or hi is None:
            lo, hi = self.range
        return [label(self.current_unit, v) for v in ticks(self.current_unit, lo, hi)]
