"""The key beside a small map on a printed card: the date, and who holds or claims what that day.

The map itself is drawn by the ui layer (a `MapHook` passed in, as the timeline is); the key is
plain text and swatches from the dataset's parties (QtGui only). Sizes in millimetres of the
page (`unit` device pixels each), fonts in points.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from ..core.dates import display_day
from ..core.model import Dataset

# Draws the dataset's map on `day` into `rect` (device pixels), the regions in `highlight`
# outlined, with its own legend if `legend`; returns False when it drew nothing.
MapHook = Callable[[QPainter, QRectF, float, "tuple[str, ...]", bool], bool]

INK = "#1d2026"
MUTED = "#4d5461"


def key_rows(ds: Dataset, day: float) -> list[tuple[str, str, str]]:
    """(kind, party id, text) for the key: each party on the map that day, holders first
    ("party"), then one row saying what hatching means ("hatch") if anything is claimed."""
    if ds.geo is None:
        return []
    order: list[str] = []
    claimed = False
    states = ds.geo.state_at(day).values()
    for st in states:
        if st.holder and st.holder not in order:
            order.append(st.holder)
    for st in states:
        claimed = claimed or bool(st.claimants)
        order += [pid for pid in st.claimants if pid not in order]

    def party(pid: str) -> str:
        p = ds.parties.get(pid)
        return p.name_at(day) if p is not None else pid

    rows = [("party", pid, party(pid)) for pid in order]
    if claimed:
        rows.append(("hatch", "", "hatched: claimed"))
    return rows


def paint_map_key(p: QPainter, rect: QRectF, ds: Dataset, day: float, unit: float, font_pt: float = 6.5) -> None:
    """"Map on <date>" and one swatch line per party, top-aligned in `rect`, elided to fit."""
    font = QFont()
    font.setPointSizeF(font_pt)
    fm = QFontMetricsF(font, p.device())
    bold = QFont(font)
    bold.setBold(True)
    line = fm.height() * 1.25
    y = rect.top()
    p.save()
    p.setClipRect(rect)
    p.setFont(bold)
    p.setPen(QColor(INK))
    p.drawText(QRectF(rect.left(), y, rect.width(), line), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
               QFontMetricsF(bold, p.device()).elidedText(f"Map: {display_day(int(day))}",
                                                          Qt.TextElideMode.ElideRight, rect.width()))
    y += line
    p.setFont(font)
    sw = 3.2 * unit
    for kind, pid, text in key_rows(ds, day):
        if y + line > rect.bottom() + 0.5:
            break
        party = ds.parties.get(pid)
        color = QColor(party.color if party is not None else MUTED)
        sq = QRectF(rect.left(), y + (line - sw * 0.7) / 2, sw, sw * 0.7)
        if kind == "party":
            p.fillRect(sq, color)
        else:
            p.fillRect(sq, QColor("#ffffff"))
            p.fillRect(sq, QBrush(color, Qt.BrushStyle.BDiagPattern))
            p.setPen(QPen(color, 0.25 * unit))
            p.drawRect(sq)
        p.setPen(QColor(MUTED))
        tx = sq.right() + 1.5 * unit
        p.drawText(QRectF(tx, y, rect.right() - tx, line), Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine,
                   fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.right() - tx))
        y += line
    p.restore()
