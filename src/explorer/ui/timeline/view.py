"""The timeline widget: a zoomable plot of lanes, eras and the stance band, a scrub cursor,
a legend strip and an overview strip.

The plot's y axis is in pixels (its range is kept equal to its height): lane
heights follow their content (planner.py), so lane names (the left axis), the
lines between lanes (eras_item.py) and the stance band follow the frame's plan
whenever it changes (`EventsItem.geometry_changed`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ...core.layout import TimelineLayout
from ...core.model import Dataset
from ...core.stance_band import StanceBand
from .axes_view import AxesView
from .axis import DateAxis
from .lane_axis import LaneAxis
from .eras_item import ErasItem
from .events_item import EventsItem
from .legend import LegendStrip
from .stance_band import StanceBandItem
from ..theme import LIGHT, Theme, qcolor

MIN_SPAN_DAYS = 3.0
CLUSTER_MIN_SPAN = 20.0  # days: zooming to a cluster of one day still shows some time around it


class _ViewBox(pg.ViewBox):
    """Horizontal-only zoom and pan; double-click zooms in around the pointer."""

    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=True, y=False)
        self.invertY(True)
        self.disableAutoRange()  # the session sets the range; y is kept in pixels

    def mouseDoubleClickEvent(self, ev):
        center = self.mapSceneToView(ev.scenePos())
        self.scaleBy((0.5, 1.0), center=center)
        ev.accept()


class TimelineView(QFrame):
    event_clicked = Signal(int)  # index into dataset.events
    cursor_moved = Signal(float)  # day number: the person dragged or clicked
    range_changed = Signal(float, float)  # the visible range changed (zoom, pan, overview drag, cluster click)
    stance_clicked = Signal(float, str)  # a stance segment: a day inside it, the event that set it ("" none)
    lanes_collapsed = Signal(list)  # the ids of the lanes the reader collapsed, after a toggle

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName("Timeline")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.dataset: Dataset | None = None
        self.layout_: TimelineLayout | None = None
        self.lane_mode = "party"
        self.theme: Theme = LIGHT

        self.axis = DateAxis()
        self.lane_axis = LaneAxis()
        self.lane_axis.setWidth(118)
        self.collapsed: set[str] = set()  # lanes the reader collapsed to one line (by lane id)
        self.vb = _ViewBox()
        self.plot = AxesView(self.vb, self.axis, self.lane_axis)
        self.plot.setAccessibleName("Timeline plot")
        self.plot.show_grid(0.12)
        self.axis.setZValue(-1)  # its grid lines go behind eras, events and labels, not across them
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the TimelineView

        self.eras = ErasItem()
        self.events = EventsItem()
        self.band = StanceBandItem(self.events)
        self.vb.addItem(self.eras)
        self.vb.addItem(self.band)
        self.vb.addItem(self.events)
        self.eras.lane_line = qcolor(self.theme, "lane_line")

        self.scrub = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#d62728", width=2),
                                      hoverPen=pg.mkPen("#ff5a5a", width=4))
        self.scrub.setZValue(50)
        self.vb.addItem(self.scrub)

        self.legend = LegendStrip()
        self.overview = _Overview()
        self.overview.region_dragged.connect(self._on_overview_dragged)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.overview)

        self.scrub.sigPositionChanged.connect(self._on_cursor_moved)
        self.events.event_clicked.connect(self.event_clicked)
        self.events.background_clicked.connect(self.set_cursor)
        self.events.cluster_clicked.connect(self.zoom_to_days)
        self.events.geometry_changed.connect(self._on_geometry)
        self.band.stance_clicked.connect(self.stance_clicked)
        self.lane_axis.lane_clicked.connect(self.toggle_lane)
        self.vb.sigXRangeChanged.connect(self._on_range_changed)
        # pyqtgraph updates the view's matrix lazily in prepareForPaint, which asks for a second paint:
        # updating it at once makes one paint per range change (measured 2.0 -> 1.0, bench `frames`)
        self.vb.sigRangeChanged.connect(lambda *_: self.vb.updateMatrix())
        self.vb.sigResized.connect(self._on_resized)

    # -- data --------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, lane_mode: str | None = None) -> None:
        """Lay the dataset out; the session then sets the range and the cursor."""
        self.dataset = dataset
        if lane_mode:
            self.lane_mode = lane_mode
        stances = StanceBand(dataset)
        self.band.set_band(stances if len(stances) else None)
        self.events.set_band_rows(self.band.rows())
        self._relayout()
        lo, hi = dataset.span()
        pad = max((hi - lo) * 0.08, 30)
        self.vb.setLimits(xMin=lo - pad * 4, xMax=hi + pad * 4, minXRange=MIN_SPAN_DAYS,
                          maxXRange=(hi - lo) + pad * 8)
        self.overview.set_dataset(dataset)
        self.scrub.setBounds((lo - pad * 4, hi + pad * 4))

    def set_lane_mode(self, mode: str) -> None:
        if mode == self.lane_mode:
            return
        self.lane_mode = mode
        if self.dataset is not None:
            sel = self.events.selected
            self._relayout()
            self.events.set_selected(sel)

    def _relayout(self) -> None:
        ds = self.dataset
        self.layout_ = TimelineLayout(ds, self.lane_mode)
        self.events.set_layout(self.layout_)
        lo, hi = ds.span()
        pad = max((hi - lo) * 0.08, 30) * 5  # beyond the pan limits (set_dataset)
        self.eras.set_eras(ds.eras, 1, (lo - pad, hi + pad))
        self.legend.set_layout(self.layout_, self.band.band.sides if self.band.band is not None else None)
        self.events.set_collapsed({i for i, lane in enumerate(self.layout_.lanes) if lane.id in self.collapsed})
        self._on_resized()
        self._on_geometry()

    def _on_resized(self, *_) -> None:
        """Keep the y axis in pixels: the lanes' plan is made in pixels."""
        h = max(float(self.vb.height()), 1.0)
        self.vb.setLimits(yMin=0, yMax=h)
        self.vb.setYRange(0, h, padding=0)
        self._refresh_plan()

    def _refresh_plan(self) -> None:
        # made now, before the paint: names and lines follow in the same frame. Not while hidden
        # (building the window, before its first show): the size is not final, showEvent plans
        if self.isVisible():
            self.events.plan()

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self._refresh_plan()
        self._on_geometry()  # the lanes' names and lines, whether or not the plan's geometry changed

    def _on_geometry(self) -> None:
        if not self.isVisible():
            return
        plan = self.events.plan()
        lay = self.layout_
        if plan is None or lay is None:
            return
        one_colour = lay.mode == "party" and lay.color_by == "party"
        colour = {k.id: QColor(k.color) for k in lay.colors} if one_colour else {}
        names = [(ln.top + ln.height / 2, lane.name + (" ▸" if lane.id in self.collapsed else ""), colour.get(lane.id))
                 for ln, lane in zip(plan.lanes, lay.lanes)]
        self.lane_axis.clickable = len(names)
        band = self.band.band
        if band is not None:
            names += [(top + h / 2, f"{name} stance", None) for (top, h), name in zip(plan.band, band.names)]
        self.lane_axis.set_lanes(names)
        lines = [ln.top for ln in plan.lanes[1:]] + ([plan.lanes[-1].top + plan.lanes[-1].height] if plan.lanes else [])
        if plan.band:
            lines.append(plan.band[0][0] - 3)
        self.eras.set_lines(lines)
        self.band.update()

    def apply_theme(self, theme: Theme) -> None:
        """Recolour plots, axes, labels and lane lines; dataset colours stay."""
        self.theme = theme
        for plot in (self.plot, self.overview):
            plot.setBackground(theme.base)
        for axis in (self.axis, self.overview.axis):
            axis.set_background(QColor(theme.base))
        for axis in (self.axis, self.lane_axis, self.overview.axis):
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.text))
        self.lane_axis.set_text_color(QColor(theme.text))
        self.axis.tag_fill = QColor("#c0392b") if not theme.dark else QColor("#d9534f")
        self.plot.show_grid(theme.grid_alpha)
        self.events.set_palette(QColor(theme.text), qcolor(theme, "halo"), QColor(theme.text),
                                QColor(theme.highlight), QColor(theme.highlight_text), QColor(theme.window),
                                QColor(theme.base))
        self.band.set_theme(QColor(theme.text), theme.dark)
        self.legend.set_theme(QColor(theme.text), QColor(theme.muted), QColor(theme.base))
        for eras in (self.eras, self.overview.eras):
            eras.text_color = QColor(theme.muted)
            eras.alpha = theme.era_alpha
            eras.update()
        self.eras.lane_line = qcolor(theme, "lane_line")
        self.eras.update()
        self.overview.bars.setOpts(brush=pg.mkBrush(qcolor(theme, "bars")))

    def toggle_lane(self, index: int) -> None:
        """Collapse a lane to one line of marks (no labels but the selected event's), or open it."""
        if self.layout_ is None or not 0 <= index < len(self.layout_.lanes):
            return
        self.collapsed ^= {self.layout_.lanes[index].id}
        self.events.set_collapsed({i for i, lane in enumerate(self.layout_.lanes) if lane.id in self.collapsed})
        self._refresh_plan()
        self.lanes_collapsed.emit(sorted(self.collapsed))

    def set_collapsed_lanes(self, ids) -> None:
        """Collapse these lanes (by id; ids a dataset lacks are kept for one that has them)."""
        self.collapsed = {str(i) for i in ids}
        if self.layout_ is not None:
            self.events.set_collapsed({i for i, lane in enumerate(self.layout_.lanes) if lane.id in self.collapsed})
            self._refresh_plan()

    def set_legend_visible(self, on: bool) -> None:
        self.legend.setVisible(on)

    def set_band_shown(self, on: bool) -> None:
        """Show or leave out the stance rows under the lanes (a printed page may draw its own)."""
        if self.dataset is None or on == (self.band.band is not None):
            return
        stances = StanceBand(self.dataset) if on else None
        self.band.set_band(stances if stances is not None and len(stances) else None)
        self.events.set_band_rows(self.band.rows())
        self._relayout()

    def focusInEvent(self, ev) -> None:
        self._show_focus(True)
        super().focusInEvent(ev)

    def focusOutEvent(self, ev) -> None:
        self._show_focus(False)
        super().focusOutEvent(ev)

    def _show_focus(self, on: bool) -> None:
        self.setProperty("focused", on)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    # -- view --------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        (lo, hi), _ = self.vb.viewRange()
        return lo, hi

    def set_range(self, lo: float, hi: float) -> None:
        self.vb.setXRange(lo, hi, padding=0)

    def zoom_to_days(self, first: float, last: float) -> None:
        """Show the days `first`..`last` (a cluster's events), with room for their labels on the right."""
        span = max(last - first, CLUSTER_MIN_SPAN)
        mid = (first + last) / 2
        self.set_range(mid - span * 0.62, mid + span * 0.88)

    # -- cursor and selection ----------------------------------------------------
    def cursor_day(self) -> float:
        return float(self.scrub.value())

    def set_cursor(self, day: float) -> None:
        if float(self.scrub.value()) != day:
            self.scrub.setValue(day)

    def select(self, index: int) -> None:
        self.events.set_selected(index)
        self._refresh_plan()

    def set_dimmed(self, dimmed: np.ndarray | None) -> None:
        self.events.set_dimmed(dimmed)
        self.overview.set_dimmed(dimmed)
        self._refresh_plan()

    # -- slots -------------------------------------------------------------------
    def _on_cursor_moved(self) -> None:
        day = self.cursor_day()
        self.axis.set_cursor(day)
        self.overview.set_cursor(day)
        self.cursor_moved.emit(day)

    def _on_range_changed(self, *_):
        lo, hi = self.visible_range()
        self.overview.set_region(lo, hi)
        self._refresh_plan()
        self.range_changed.emit(lo, hi)

    def _on_overview_dragged(self, lo: float, hi: float) -> None:
        self.set_range(lo, hi)


class _Overview(AxesView):
    """The whole range as a density strip, with a draggable window of the visible part."""

    region_dragged = Signal(float, float)

    def __init__(self):
        self.axis = DateAxis()
        # no context menu: a ViewBox with one builds its menu of widgets (~4-10 ms at start-up) to discard it
        super().__init__(pg.ViewBox(enableMenu=False), self.axis)
        self.setAccessibleName("Overview of the whole timeline")
        self.setFixedHeight(46)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.axis.setHeight(20)
        vb = self.vb
        vb.setMouseEnabled(x=False, y=False)
        self.eras = ErasItem(show_names=False)
        vb.addItem(self.eras)
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=1, brush=pg.mkBrush(70, 90, 120, 190), pen=pg.mkPen(None))
        vb.addItem(self.bars)
        self.region = pg.LinearRegionItem(brush=pg.mkBrush(214, 39, 40, 22), pen=pg.mkPen("#d62728", width=1.5))
        self.region.setZValue(20)
        vb.addItem(self.region)
        self.scrub = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#d62728", width=1))
        vb.addItem(self.scrub)
        self._updating = False
        self.region.sigRegionChanged.connect(self._on_region)
        self._starts = np.zeros(0)
        self._span = (0.0, 1.0)

    def set_dataset(self, ds: Dataset) -> None:
        lo, hi = ds.span()
        pad = max((hi - lo) * 0.03, 15)
        self._span = (lo - pad, hi + pad)
        self._starts = np.fromiter((e.start for e in ds.events), dtype=np.float64, count=len(ds.events))
        self.eras.set_eras(ds.eras, 1)
        self._draw_bars(None)
        self.vb.setXRange(*self._span, padding=0)

    def _draw_bars(self, dimmed) -> None:
        lo, hi = self._span
        starts = self._starts if dimmed is None else self._starts[~dimmed]
        counts, edges = np.histogram(starts, bins=160, range=(lo, hi))
        h = np.log1p(counts) / max(np.log1p(counts.max()), 1e-9) if counts.max() else counts
        self.bars.setOpts(x=(edges[:-1] + edges[1:]) / 2, height=h, width=(hi - lo) / 160 * 0.9, y0=0)
        self.vb.setYRange(-0.5, 1.1, padding=0)
        self.eras.n_lanes = 1

    def set_dimmed(self, dimmed) -> None:
        self._draw_bars(dimmed)

    def set_region(self, lo: float, hi: float) -> None:
        self._updating = True
        self.region.setRegion((lo, hi))
        self._updating = False

    def set_cursor(self, day: float) -> None:
        self.scrub.setValue(day)

    def _on_region(self) -> None:
        if not self._updating:
            lo, hi = self.region.getRegion()
            self.region_dragged.emit(lo, hi)

    def mousePressEvent(self, ev):
        # a click outside the window centres the window there
        vb = self.vb
        x = vb.mapSceneToView(self.mapToScene(ev.position().toPoint())).x()
        lo, hi = self.region.getRegion()
        if not lo <= x <= hi:
            self.region_dragged.emit(x - (hi - lo) / 2, x + (hi - lo) / 2)
        super().mousePressEvent(ev)


__all__ = ["TimelineView", "QPen"]
