"""A view box with a bottom (and a left) axis, laid out as pyqtgraph's PlotWidget lays them out,
without its PlotItem.

A PlotItem builds its plot-options menu (a form of some thirty widgets) even when the menu is
disabled, four axes of which we show two, a title and an auto-range button: about 8–10 ms a
plot at start-up, and the timeline has two plots (the overview). Here the same grid (the view
box at row 2, column 1; the left axis beside it, the bottom axis under it; a 1 px margin, no
spacing, the middle row and column stretching) holds only what is shown, so the pixels are
the same (tests/ui/test_axes_view.py compares the two layouts).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsItem, QSizePolicy


class AxesView(pg.GraphicsView):
    def __init__(self, vb: pg.ViewBox, bottom: pg.AxisItem, left: pg.AxisItem | None = None):
        super().__init__(background="default")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.enableMouse(False)  # (the view box handles the mouse, as in a PlotWidget)
        self.vb, self.bottom, self.left = vb, bottom, left
        frame = pg.GraphicsWidget()
        grid = QGraphicsGridLayout()
        grid.setContentsMargins(1, 1, 1, 1)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        frame.setLayout(grid)
        grid.addItem(vb, 2, 1)
        for axis, row, col in ((left, 2, 0), (bottom, 3, 1)):
            if axis is None:
                continue
            axis.linkToView(vb)
            grid.addItem(axis, row, col)
            axis.setZValue(0.5)  # as PlotItem: above images at 0, below items at 1 and more
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)
        for i in range(4):
            grid.setRowPreferredHeight(i, 0)
            grid.setRowMinimumHeight(i, 0)
            grid.setRowSpacing(i, 0)
            grid.setRowStretchFactor(i, 1)
        for i in range(3):
            grid.setColumnPreferredWidth(i, 0)
            grid.setColumnMinimumWidth(i, 0)
            grid.setColumnSpacing(i, 0)
            grid.setColumnStretchFactor(i, 1)
        grid.setRowFixedHeight(0, 0)  # (a PlotItem's hidden title)
        grid.setRowFixedHeight(1, 0)  # (its hidden top axis; hidden items take no room, empty cells would)
        grid.setColumnFixedWidth(2, 0)  # (its hidden right axis)
        if left is None:
            grid.setColumnFixedWidth(0, 0)
        grid.setRowStretchFactor(2, 100)
        grid.setColumnStretchFactor(1, 100)
        self.frame = frame
        self.setCentralItem(frame)

    def show_grid(self, alpha: float) -> None:
        """Vertical grid lines from the bottom axis (PlotItem.showGrid(x=True, alpha=...))."""
        self.bottom.setGrid(int(min(max(alpha, 0.0), 1.0) * 255))
