"""A card's positions table, laid out once per distinct table and drawn into each card's text.

Cards of one stance period print the same table ("Positions on this date": each
side's stance, since when, its reasons, what it replaced). Laid out inside each
card's document, the two-column table was the slowest part of a card, and the
type-size search lays a card out two or three times. So each distinct table
(the same stances, names, width and type size) is laid out once, in a document
of its own, and a card's document holds it as one inline object
(`QPyTextObject`): a line as tall as the table, whose drawing draws that
document, vector text and links as before. The object is one line, so a page
break could only cut through it: a card that does not fit its slot is built
again with the table in its HTML (`CardWriter.card`; the same height), where a
cut may fall between the table's rows, as it always did.
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QPalette, QPyTextObject, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextFormat)

from ..core.model import Dataset
from ..core.stances import StanceAt
from ..render.event_html import Look
from .card_html import body_style, positions_table
from .pages import InertDocument, paper_document

OBJECT_TYPE = int(QTextFormat.ObjectTypes.UserObject) + 1
KEY = int(QTextFormat.Property.UserProperty) + 1


class Tables(QPyTextObject):
    """The laid-out tables of one export, and the handler that sizes and draws them in cards."""

    def __init__(self, device) -> None:
        super().__init__()
        self._device = device
        self._keys: dict[tuple, int] = {}
        self._docs: list[InertDocument] = []

    def add(self, ds: Dataset, stances: list[StanceAt], look: Look, width: float, narrow: bool) -> int:
        """The number of the table of `stances` at this width and type size (laid out the first time)."""
        key = (tuple((s.party, s.name, id(s.position), id(s.set_by), id(s.previous), s.previous_until)
                     for s in stances), look.scale, round(width, 3), narrow)
        n = self._keys.get(key)
        if n is None:
            doc = paper_document(self._device, width, 10 * look.scale)
            doc.setHtml(f"<div style='{body_style(look)}'>{positions_table(ds, stances, look, narrow)}</div>")
            n = self._keys[key] = len(self._docs)
            self._docs.append(doc)
        return n

    def insert(self, doc: InertDocument, n: int) -> None:
        """Table `n` as a block of its own at the end of `doc`."""
        doc.documentLayout().registerHandler(OBJECT_TYPE, self)
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setTopMargin(0)
        block.setBottomMargin(0)
        cursor.insertBlock(block, QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setObjectType(OBJECT_TYPE)
        fmt.setProperty(KEY, n)
        fmt.setFontPointSize(1)  # the line is the table's height and (almost) no descent under it
        cursor.insertText("\ufffc", fmt)

    # QTextObjectInterface (called by Qt while laying out and drawing a card)
    def intrinsicSize(self, doc, pos: int, fmt) -> QSizeF:  # noqa: N802 (Qt API)
        table = self._docs[fmt.property(KEY)]
        return QSizeF(table.textWidth(), table.size().height())

    def drawObject(self, painter, rect, doc, pos: int, fmt) -> None:  # noqa: N802 (Qt API)
        table = self._docs[fmt.property(KEY)]
        painter.save()
        painter.translate(rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        table.documentLayout().draw(painter, ctx)
        painter.restore()
