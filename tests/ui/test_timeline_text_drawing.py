"""The timeline's date axis draws its lines in one `drawLines` per pen and its labels as cached
static texts (axis.py, for speed): the plot must look exactly as with pyqtgraph's own drawing,
one `drawLine` and one `drawText` at a time, at every zoom from the whole span to days, in both
themes."""

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QPainter, QStaticText
from PySide6.QtWidgets import QApplication

from explorer.core.dates import parse_when
from explorer.core.loading import open_dataset
from explorer.ui.timeline.axis import DateAxis
from explorer.ui.timeline.label_painter import LabelPainter, _Text
from explorer.ui.timeline.view import TimelineView
from tests.helpers import BUNDLED

RANGES = [None, ("1700", "2050"), ("1850", "1860"), ("1945", "1946"), ("1956-10-01", "1956-10-31"),
          ("1956-10-18", "1956-10-21")]


def _day(text: str) -> float:
    return float(parse_when(text).start)


def _frames(view, ds) -> list:
    out = []
    for r in RANGES:
        if r is None:
            view.set_range(*ds.span())
        else:
            view.set_range(_day(r[0]), _day(r[1]))
        QApplication.processEvents()
        out.append(view.plot.grab().toImage())
    return out


@pytest.mark.parametrize("dark", [False, True])
def test_axis_draws_the_same_pixels_as_pyqtgraph(qtbot, monkeypatch, dark):
    from explorer.render.palette import DARK, LIGHT
    from explorer.ui.shell.app import make_app

    make_app()

    ds = open_dataset(BUNDLED).dataset
    view = TimelineView()
    view.resize(1100, 480)
    view.set_dataset(ds, "party")
    view.apply_theme(DARK if dark else LIGHT)
    qtbot.addWidget(view)
    view.show()
    view.axis.set_cursor(_day("1956-10-19"))
    ours = _frames(view, ds)
    monkeypatch.setattr(DateAxis, "drawPicture", pg.AxisItem.drawPicture)
    view.axis.update()
    theirs = _frames(view, ds)
    assert any(not img.isNull() for img in ours)
    for r, a, b in zip(RANGES, ours, theirs):
        assert a == b, f"the plot differs from pyqtgraph's drawing at {r}"


@pytest.mark.parametrize("text", ["Joint Declaration signed – Habomai & Shikotan “to be handed over”",
                                  "Курильская десантная операция", "日ソ共同宣言", "Ainu: Kamui-kotan",
                                  # a line separator (titles come from data files): one line either way
                                  "Joint Declaration\u2028signed", "Курильская\u2028операция"])
def test_a_label_drawn_plain_the_first_time_looks_as_the_static_text_after(qtbot, text):
    """A title is drawn with drawText when first seen, as a QStaticText afterwards: same pixels."""
    from PySide6.QtGui import QFont, QImage

    from explorer.ui.shell.app import make_app

    make_app()
    font = QFont()
    font.setPointSizeF(9)
    painter = LabelPainter(font, QFont(font))

    def render(t):
        img = QImage(700, 40, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QColor("white"))
        p = QPainter(img)
        p.setFont(font)
        painter._draw(p, 10.3, 7.6, t)
        p.end()
        return img

    t = _Text(text, 0.0)
    first = render(t)
    assert t.static is not None  # (drawn once: marked)
    second = render(t)
    assert isinstance(t.static, QStaticText)
    assert first == second
    assert first != render(_Text("", 0.0))  # (something was drawn)


def test_a_line_separator_in_a_title_or_a_relation_tag_keeps_the_label_on_one_line(qtbot):
    """drawText draws U+2028 as nothing, a static text broke the line there: the label's second
    line fell into the row below, over the next label."""
    from PySide6.QtGui import QFont, QFontMetricsF

    from explorer.ui.shell.app import make_app

    make_app()
    font = QFont()
    font.setPointSizeF(9)
    painter = LabelPainter(font, QFont(font))
    line = QFontMetricsF(font).height()
    for text in ("Joint Declaration\u2028signed", "a\u2028b\u2028c", "\u2028", "Курил\u2028ская"):
        assert painter._static(text, font).size().height() < 1.5 * line, repr(text)
        assert painter._tag("responds\u2028to " + text).size().height() < 1.5 * line, repr(text)
