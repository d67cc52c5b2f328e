"""ui/timeline/axes_view.AxesView lays a view box and its axes out exactly as pyqtgraph's PlotWidget
does (which it replaces for the timeline and its overview, to skip the PlotItem's start-up cost):
the same geometry and the same pixels, with a left axis and without, at several sizes."""

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication

from explorer.ui.timeline.axes_view import AxesView
from explorer.ui.timeline.axis import DateAxis
from explorer.ui.timeline.lane_axis import LaneAxis

SIZES = [(900, 300), (1400, 520), (640, 46)]


def _items(with_left: bool):
    vb = pg.ViewBox(enableMenu=False)
    vb.addItem(pg.InfiniteLine(pos=725_000, angle=90, pen=pg.mkPen("#d62728", width=2)))
    bottom = DateAxis()
    left = None
    if with_left:
        left = LaneAxis()
        left.setWidth(118)
        left.set_lanes([(40.0, "Japan", None), (120.0, "Russia", None)])
    return vb, bottom, left


def _plot_widget(with_left: bool):
    vb, bottom, left = _items(with_left)
    axes = {"bottom": bottom} | ({"left": left} if left is not None else {})
    w = pg.PlotWidget(viewBox=vb, axisItems=axes)
    w.hideButtons()
    w.getPlotItem().setMenuEnabled(False)
    if left is None:
        w.getPlotItem().hideAxis("left")
    w.showGrid(x=True, y=False, alpha=0.12)
    return w, vb, bottom, left


def _axes_view(with_left: bool):
    vb, bottom, left = _items(with_left)
    w = AxesView(vb, bottom, left)
    w.show_grid(0.12)
    return w, vb, bottom, left


@pytest.mark.parametrize("with_left", [True, False])
@pytest.mark.parametrize("size", SIZES)
def test_same_layout_and_pixels_as_a_plot_widget(qtbot, with_left, size):
    from explorer.ui.shell.app import make_app

    make_app()
    theirs, t_vb, t_bottom, t_left = _plot_widget(with_left)
    ours, o_vb, o_bottom, o_left = _axes_view(with_left)
    for w, vb in ((theirs, t_vb), (ours, o_vb)):
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        vb.setRange(xRange=(724_000, 726_500), yRange=(0, 200), padding=0)
    QApplication.processEvents()
    assert o_vb.sceneBoundingRect() == t_vb.sceneBoundingRect()
    assert o_bottom.sceneBoundingRect() == t_bottom.sceneBoundingRect()
    if with_left:
        assert o_left.sceneBoundingRect() == t_left.sceneBoundingRect()
    a, b = ours.grab().toImage(), theirs.grab().toImage()
    assert not a.isNull() and a.size() == b.size()
    assert a == b, f"AxesView and PlotWidget differ at {size}, left axis: {with_left}"
    assert o_vb.sceneBoundingRect().width() > size[0] * 0.5  # (the view box takes the room, not empty cells)
