"""The timeline view painted onto any page: the app's own TimelineView, offscreen, rendered
through QPainter — so it prints what the screen shows (lanes, eras, labels, the cursor),
and whatever the timeline learns to draw is printed too.

Pages are painted in pixels of 1/96 inch, the screen's unit (PDF at 96 dpi: vector, exact;
PNG: an image with a device pixel ratio for its dpi), so labels are placed as on screen.
"""

from __future__ import annotations


import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPaintEngine, QPainter, QPen
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from ..core.model import Dataset, Event
from .theme import DARK, LIGHT
from .timeline.marker_painter import MARKER_R, MarkerPainter, paint_marker
from .timeline.view import TimelineView

RASTER = (QPaintEngine.Type.Raster, QPaintEngine.Type.OpenGL, QPaintEngine.Type.OpenGL2)


class VectorMarkers(MarkerPainter):
    """Point markers as vector circles on vector devices (PDF, SVG, pictures).

    The screen draws them from a sheet of pre-drawn marker pixmaps: on paper those print as
    small blurred images, and QSvgGenerator ignores the part of the sheet asked for (every
    marker would show the whole sheet). Bars, extents and density are drawn by the timeline's
    own painter; only the last step, the sprites, is replaced here, with the same look."""

    def markers(self, p, m: dict, view_w: float) -> None:
        engine = p.paintEngine()
        if engine is None or engine.type() in RASTER or not m or not len(m["xm"]):
            return super().markers(p, m, view_w)
        point = ~m["iv"]
        marked = np.flatnonzero(point & m["shown"])
        super().markers(p, dict(m, shown=m["shown"] & m["iv"]), view_w)  # bars and extents, no sprites
        colors = self.colors
        for k in marked.tolist():  # each marker as a vector shape, the look of the sprite sheet
            paint_marker(p, colors[int(m["color"][k]) % max(len(colors), 1)], int(m["shape"][k]),
                         float(m["xm"][k]), float(m["y"][k]), MARKER_R, bool(m["fuzzy"][k]), bool(m["dim"][k]),
                         self.edge)


class TimelinePrinter:
    """An offscreen TimelineView for one dataset, painted into rectangles of any painter."""

    def __init__(self, ds: Dataset, lanes: str = "party", dark: bool = False, legend: bool = True, band: bool = True):
        self.ds = ds
        self.theme = DARK if dark else LIGHT
        view = TimelineView()
        view.events.painter = VectorMarkers()  # before the layout: it sets the lane colours
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app open
        view.apply_theme(self.theme)
        view.set_dataset(ds, lanes)
        view.overview.hide()  # the page shows its range; the overview is for steering
        view.set_legend_visible(legend)
        view.set_band_shown(band)  # a page that draws the larger band under it leaves the view's out
        # the screen keeps the plot's background as a pixmap; on a page it would be an image
        view.plot.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.view = view
        self._shown: tuple = (None, None)  # the selection and dimming last given to the view

    def close(self) -> None:
        self.view.close()
        self.view.deleteLater()

    def prepare(self, width: float, height: float, lo: float, hi: float, cursor: float | None = None,
                selected: int = -1, dimmed: np.ndarray | None = None) -> None:
        """Lay the view out at this size (pixels of 1/96 inch) and show these dates."""
        v = self.view
        size = (max(int(round(width)), 120), max(int(round(height)), 60))
        settled = v.isVisible() and (v.width(), v.height()) == size  # the next card of a run: laid out already
        v.resize(*size)
        if not v.isVisible():
            v.show()
            v.setUpdatesEnabled(False)  # laid out like a shown widget, painted only when rendered (paint)
        v.scrub.setVisible(cursor is not None)
        if cursor is not None:
            v.set_cursor(cursor)
        else:
            v.axis.set_cursor(None)  # no date tag on the axis either
        if selected != self._shown[0] or dimmed is not self._shown[1]:  # each re-plans the lanes: only on a change
            v.select(selected)
            v.set_dimmed(dimmed)
            self._shown = (selected, dimmed)
        app = QApplication.instance()
        for _ in range(1 if settled else 3):  # resize and layout requests, then the range on the final width
            app.processEvents()
            v.set_range(lo, hi)

    def paint(self, p: QPainter, rect: QRectF) -> tuple[float, float]:
        """Paint the prepared view with its top left at `rect`'s; returns the x extent of the dates
        (left, right) in the painter's coordinates, to line things up below it."""
        v = self.view
        p.save()
        p.setClipRect(rect)
        p.fillRect(rect, QColor(self.theme.base))
        p.translate(rect.topLeft())
        v.setUpdatesEnabled(True)
        try:
            v.render(p, QPoint(0, 0), renderFlags=QWidget.RenderFlag.DrawChildren)
        finally:
            v.setUpdatesEnabled(False)
            p.restore()
        return self.data_extent(rect)

    def data_extent(self, rect: QRectF) -> tuple[float, float]:
        vb = self.view.vb
        scene = vb.sceneBoundingRect()
        plot = self.view.plot
        tl = plot.mapTo(self.view, plot.mapFromScene(scene.topLeft()))
        br = plot.mapTo(self.view, plot.mapFromScene(scene.bottomRight()))
        return rect.left() + tl.x(), rect.left() + br.x()

    def labels(self) -> int:
        """How many event titles the last paint drew."""
        return self.view.events.label_count()

    def drawn(self) -> dict:
        return self.view.events.drawn()


def timeline_painter(ds: Dataset, lanes: str = "party", dark: bool = False, select: bool = False,
                     legend: bool | None = None):
    """A `export.cards.TimelinePainter`: the timeline of a date range, the cursor on an event's
    date (and the event selected, with its relations drawn, if `select`), painted into a
    rectangle of a card or handout page. The page draws the stance band under it, so the
    view's own stance rows are left out. The legend is shown on a whole span (no event) and left
    out around an event's date (the card's tags and the band name the parties; on a card's strip
    the legend would take most of its height); `legend` True or False decides instead."""
    printer: list[TimelinePrinter] = []

    def paint(p: QPainter, rect: QRectF, lo: float, hi: float, ev: Event | None) -> tuple[float, float] | None:
        if not printer:
            printer.append(TimelinePrinter(ds, lanes, dark, band=False))
        tp = printer[0]
        tp.view.set_legend_visible(ev is None if legend is None else legend)
        index = ds.index_of(ev.id) if ev is not None and select else -1
        tp.prepare(rect.width(), rect.height(), lo, hi, ev.start if ev is not None else None, index)
        return tp.paint(p, rect)

    return paint
