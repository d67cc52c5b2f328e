"""The timeline widget: a zoomable plot of lanes and eras, a scrub cursor and an overview strip."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ...core.dates import display_day
from ...core.layout import TimelineLayout
from ...core.model import Dataset
from .axis import DateAxis, DirectAxis
from .eras_item import ErasItem
from .events_item import EventsItem
from ..theme import LIGHT, Theme, qcolor

MIN_SPAN_DAYS = 3.0


class _ViewBox(pg.ViewBox):
    """Horizontal-only zoom and pan; double-click zooms in around the pointer."""

    def __init__(self):
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=True, y=False)
        self.invertY(True)

    def mouseDoubleClickEvent(self, ev):
        center = self.mapSceneToView(ev.scenePos())
        self.scaleBy((0.5, 1.0), center=center)
        ev.accept()


class _CursorLabel(pg.InfLineLabel):
    def valueChanged(self):
        if self.isVisible():
            self.setText(display_day(self.line.value()))
            self.updatePosition()


class TimelineView(QFrame):
    event_clicked = Signal(int)  # index into dataset.events
    cursor_moved = Signal(float)  # day number: the person dragged or clicked
    range_changed = Signal(float, float)  # the visible range changed (zoom, pan, overview drag)

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
        self.lane_axis = DirectAxis("left")
        self.lane_axis.setStyle(tickLength=0)
        self.lane_axis.setWidth(118)
        self.vb = _ViewBox()
        self.plot = pg.PlotWidget(viewBox=self.vb, axisItems={"bottom": self.axis, "left": self.lane_axis})
        self.plot.setAccessibleName("Timeline plot")
        self.plot.hideButtons()
        self.plot.getPlotItem().setMenuEnabled(False)
        self.plot.showGrid(x=True, y=False, alpha=0.12)
        self.axis.setZValue(-1)  # its grid lines go behind eras, events and labels, not across them
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.plot.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the TimelineView

        self.eras = ErasItem()
        self.events = EventsItem()
        self.vb.addItem(self.eras)
        self.vb.addItem(self.events)
        self.eras.lane_line = qcolor(self.theme, "lane_line")

        self.scrub = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen("#d62728", width=2),
                                      hoverPen=pg.mkPen("#ff5a5a", width=4))
        self.scrub.setZValue(50)
        self.scrub_label = _CursorLabel(self.scrub, text="", position=0.97,
                                         anchors=[(0, 1), (0, 1)], fill=(214, 39, 40, 230), color="w")
        self.scrub_label.setZValue(60)
        self.vb.addItem(self.scrub)

        self.overview = _Overview()
        self.overview.region_dragged.connect(self._on_overview_dragged)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.overview)

        self.scrub.sigPositionChanged.connect(self._on_cursor_moved)
        self.events.event_clicked.connect(self.event_clicked)
        self.events.background_clicked.connect(self.set_cursor)
        self.vb.sigXRangeChanged.connect(self._on_range_changed)

    # -- data --------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, lane_mode: str | None = None) -> None:
        """Lay the dataset out; the session then sets the range and the cursor."""
        self.dataset = dataset
        if lane_mode:
            self.lane_mode = lane_mode
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
        n = max(len(self.layout_.lanes), 1)  # no lanes (no events): still one row, never a clamped plot
        self.events.set_layout(self.layout_)
        lo, hi = ds.span()
        pad = max((hi - lo) * 0.08, 30) * 5  # beyond the pan limits (set_dataset)
        self.eras.set_eras(ds.eras, n, (lo - pad, hi + pad))
        self.lane_axis.setTicks([[(i, lane.name) for i, lane in enumerate(self.layout_.lanes)], []])
        # limits first: setYRange is clamped by the limits in force, so the other order can
        # leave a plot of many lanes clamped to the limits of a layout that had none
        self.vb.setLimits(yMin=-0.85, yMax=n - 0.5)
        self.vb.setYRange(-0.85, n - 0.5, padding=0)

    def apply_theme(self, theme: Theme) -> None:
        """Recolour plots, axes, labels and lane lines; dataset colours stay."""
        self.theme = theme
        for plot in (self.plot, self.overview):
            plot.setBackground(theme.base)
        for axis in (self.axis, self.lane_axis, self.overview.axis):
            axis.set_background(QColor(theme.base))
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.text))
        self.plot.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        self.events.set_palette(QColor(theme.text), qcolor(theme, "halo"), QColor(theme.text))
        for eras in (self.eras, self.overview.eras):
            eras.text_color = QColor(theme.muted)
            eras.alpha = theme.era_alpha
            eras.update()
        self.eras.lane_line = qcolor(theme, "lane_line")
        self.eras.update()
        self.overview.bars.setOpts(brush=pg.mkBrush(qcolor(theme, "bars")))

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

    # -- cursor and selection ----------------------------------------------------
    def cursor_day(self) -> float:
        return float(self.scrub.value())

    def set_cursor(self, day: float) -> None:
        if float(self.scrub.value()) != day:
            self.scrub.setValue(day)

    def select(self, index: int) -> None:
        self.events.set_selected(index)

    def set_dimmed(self, dimmed: np.ndarray | None) -> None:
        self.events.set_dimmed(dimmed)
        self.overview.set_dimmed(dimmed)

    # -- slots -------------------------------------------------------------------
    def _on_cursor_moved(self) -> None:
        day = self.cursor_day()
        self.overview.set_cursor(day)
        self.cursor_moved.emit(day)

    def _on_range_changed(self, *_):
        lo, hi = self.visible_range()
        self.overview.set_region(lo, hi)
        self.range_changed.emit(lo, hi)

    def _on_overview_dragged(self, lo: float, hi: float) -> None:
        self.set_range(lo, hi)


class _Overview(pg.PlotWidget):
    """The whole range as a density strip, with a draggable window of the visible part."""

    region_dragged = Signal(float, float)

    def __init__(self):
        self.axis = DateAxis()
        super().__init__(axisItems={"bottom": self.axis})
        self.setAccessibleName("Overview of the whole timeline")
        self.setFixedHeight(74)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hideButtons()
        pi = self.getPlotItem()
        pi.setMenuEnabled(False)
        pi.hideAxis("left")
        pi.getAxis("bottom").setHeight(22)
        vb = pi.getViewBox()
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
        self.getPlotItem().getViewBox().setXRange(*self._span, padding=0)

    def _draw_bars(self, dimmed) -> None:
        lo, hi = self._span
        starts = self._starts if dimmed is None else self._starts[~dimmed]
        counts, edges = np.histogram(starts, bins=160, range=(lo, hi))
        h = np.log1p(counts) / max(np.log1p(counts.max()), 1e-9) if counts.max() else counts
        self.bars.setOpts(x=(edges[:-1] + edges[1:]) / 2, height=h, width=(hi - lo) / 160 * 0.9, y0=0)
        self.getPlotItem().getViewBox().setYRange(-0.5, 1.1, padding=0)
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
        vb = self.getPlotItem().getViewBox()
        x = vb.mapSceneToView(self.mapToScene(ev.position().toPoint())).x()
        lo, hi = self.region.getRegion()
        if not lo <= x <= hi:
            self.region_dragged.emit(x - (hi - lo) / 2, x + (hi - lo) / 2)
        super().mousePressEvent(ev)


__all__ = ["TimelineView", "QPen"]
