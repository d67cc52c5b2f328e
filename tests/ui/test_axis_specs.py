"""The date axis computes its drawing specs itself (axis.py, for speed): the same axis line, tick
lines with the same pens, and the same labels in the same rectangles as pyqtgraph's own
`AxisItem.generateDrawSpecs`, over hundreds of ranges from the whole span to hours, at three
widths, with and without the grid."""

import random

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from explorer.core.loading import open_dataset
from explorer.ui.timeline.view import TimelineView
from tests.helpers import BUNDLED


def _specs(axis, painter, fn):
    out = fn(axis, painter)
    if out is None:
        return None
    (pen, a, b), ticks, texts = out
    return ((pen.color().rgba(), pen.widthF(), a.x(), a.y(), b.x(), b.y()),
            [(p.color().rgba(), p.widthF(), p.style(), a.x(), a.y(), b.x(), b.y()) for p, a, b in ticks],
            [(r.x(), r.y(), r.width(), r.height(), int(f), t) for r, f, t in texts])


@pytest.mark.parametrize("width", [420, 1100, 1900])
@pytest.mark.parametrize("grid", [True, False])
def test_specs_equal_pyqtgraphs(qtbot, width, grid):
    from explorer.ui.shell.app import make_app

    make_app()
    ds = open_dataset(BUNDLED).dataset
    view = TimelineView()
    view.resize(width, 420)
    view.set_dataset(ds, "party")
    qtbot.addWidget(view)
    view.show()
    if not grid:
        view.axis.setGrid(False)
    lo, hi = ds.span()
    rng = random.Random(width + grid)
    ranges = [(lo, hi), (lo - 5e5, hi + 5e5)]
    for _ in range(120):
        w = 10 ** rng.uniform(-1.5, 5.5)  # from half an hour to 800 years
        c = rng.uniform(lo, hi)
        ranges.append((c - w / 2, c + w / 2))
    img = QImage(width, 420, QImage.Format.Format_ARGB32_Premultiplied)
    seen_texts = 0
    for a, b in ranges:
        view.set_range(a, b)
        QApplication.processEvents()
        p = QPainter(img)
        try:
            ours = _specs(view.axis, p, type(view.axis).generateDrawSpecs)
            theirs = _specs(view.axis, p, pg.AxisItem.generateDrawSpecs)
        finally:
            p.end()
        assert ours == theirs, (a, b)
        seen_texts += len(ours[2]) if ours else 0
    assert seen_texts > 200  # (labels were compared, not only lines)
