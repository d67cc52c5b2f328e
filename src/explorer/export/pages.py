"""What every printed export shares: the PDF writer, page slots, footers, cut marks and clean page breaks.

Pages are laid out in device pixels of 1/96 inch (`DPI`), the screen's unit,
so that widgets painted onto a page (the timeline: its pens, markers and label
spacing are in pixels) keep the proportions they have on screen. Text is vector
and laid out with design metrics, so the coarse unit costs no precision.
"""

from __future__ import annotations

import os
from typing import Iterator

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument, QTextOption

from .. import __version__
from ..core.model import Dataset
from ..core.output import ExportError

DPI = 96
MM = DPI / 25.4  # device pixels per millimetre
MUTED = "#4d5461"  # secondary text on paper: 7.6:1 on white
CULL_INSET = 4.0  # pixels: less than any line of text is high
MARKER_ROOM = 6 * MM  # a list's numbers may hang left of the text
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter,
    "A5": QPageSize.PageSizeId.A5, "A6": QPageSize.PageSizeId.A6,
}


class InertDocument(QTextDocument):
    """A text document that never loads images or stylesheets (files or network).

    Card HTML escapes all dataset text, so nothing should ask; this is the second lock."""

    refused: list[str] = []  # shared record, for tests

    def loadResource(self, kind: int, url):  # noqa: N802 (Qt API)
        InertDocument.refused.append(url.toString())
        return None


def paper_document(device, width: float, point_size: float) -> InertDocument:
    """An empty document laid out for `device`: design metrics, long words (addresses) broken anywhere."""
    doc = InertDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setUseDesignMetrics(True)
    font = QFont()
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setIndentWidth(7 * MM)  # lists indented 7 mm, not 40 pixels: room for "10."
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setTextWidth(width)
    return doc


def new_writer(path: str, ds: Dataset, what: str, page_size: QPageSize, margin_mm: float,
               landscape: bool = False) -> QPdfWriter:
    w = QPdfWriter(path)
    w.setResolution(DPI)
    w.setPageSize(page_size)
    w.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    w.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm), QPageLayout.Unit.Millimeter)
    w.setTitle(meta_text(f"{ds.title} — {what}"))
    w.setCreator(f"Explorer {__version__}")
    w.setAuthor(meta_text(", ".join(ds.authors)) or "Explorer")
    w.setDocumentXmpMetadata(xmp(ds, what).encode("utf-8"))
    return w


def begin(painter: QPainter, writer: QPdfWriter, path: str) -> None:
    if not painter.begin(writer):
        raise ExportError(f"cannot write a PDF to {path}")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def page_rect(writer: QPdfWriter) -> QRectF:
    """The printable area of the current page, from (0, 0), in device pixels."""
    r = QRectF(writer.pageLayout().paintRectPixels(DPI))
    r.moveTo(0, 0)
    return r


def slots(page: QRectF, per_page: int, gap: float) -> list[QRectF]:
    if per_page == 1:
        return [page]
    if per_page == 2:
        h = (page.height() - gap) / 2
        return [QRectF(page.left(), page.top(), page.width(), h),
                QRectF(page.left(), page.top() + h + gap, page.width(), h)]
    w = (page.width() - gap) / 2
    h = (page.height() - gap) / 2
    return [QRectF(page.left() + (w + gap) * c, page.top() + (h + gap) * r, w, h) for r in (0, 1) for c in (0, 1)]


def cut_marks(p: QPainter, slot: QRectF, gap: float) -> None:
    """Small crosses at the corners of a slot, in the middle of the gap: where to cut cards apart."""
    p.setPen(QPen(QColor("#777"), 0.1 * MM))
    m = 3 * MM
    g = gap / 2
    for cx in (slot.left() - g, slot.right() + g):
        for cy in (slot.top() - g, slot.bottom() + g):
            p.drawLine(QPointF(cx - m / 2, cy), QPointF(cx + m / 2, cy))
            p.drawLine(QPointF(cx, cy - m / 2), QPointF(cx, cy + m / 2))


def footer(p: QPainter, page: QRectF, height: float, left: str, right: str) -> None:
    """One line under `page`: `left` (the dataset) and `right` (the page number)."""
    f = QFont()
    f.setPointSizeF(7.5)
    p.setFont(f)
    p.setPen(QColor("#555"))
    r = QRectF(page.left(), page.bottom() + 1.5 * MM, page.width(), height)
    right_w = p.fontMetrics().horizontalAdvance(right) + 4 * MM
    left = p.fontMetrics().elidedText(left, Qt.TextElideMode.ElideRight, int(r.width() - right_w))
    p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    p.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)


def line_boxes(doc: QTextDocument) -> tuple[list[tuple[float, float]], set[float], list[tuple[float, float]],
                                             set[float], list[tuple[float, float]]]:
    """Every laid-out line as (top, bottom), the bottoms of section headings ("SOURCES"), the
    extents of tables (top, bottom), the bottoms of paragraphs and list items, and the extents
    of the paragraphs in table cells."""
    from PySide6.QtGui import QTextCursor

    lay = doc.documentLayout()
    lines: list[tuple[float, float]] = []
    headings: set[float] = set()
    tables: dict[int, tuple[float, float]] = {}
    ends: set[float] = set()
    in_cells: list[tuple[float, float]] = []
    block = doc.begin()
    while block.isValid():
        rect = lay.blockBoundingRect(block)
        tl = block.layout()
        for i in range(tl.lineCount()):
            ln = tl.lineAt(i)
            y0 = rect.top() + ln.y()
            lines.append((y0, y0 + ln.height()))
        if tl.lineCount():
            ends.add(lines[-1][1])
        text = block.text().strip()
        if tl.lineCount() and text and text.isupper() and len(text) < 40:
            headings.add(lines[-1][1])
        table = QTextCursor(block).currentTable()
        if table is not None and tl.lineCount():
            in_cells.append((lines[-tl.lineCount()][0], lines[-1][1]))
        if table is not None and table.firstPosition() not in tables:
            r = lay.frameBoundingRect(table)
            tables[table.firstPosition()] = (r.top(), r.bottom())
        block = block.next()
    return lines, headings, list(tables.values()), ends, in_cells


def break_points_from(doc: QTextDocument, offset: float, avail: float) -> Iterator[float]:
    """The next cut after `offset`, or nothing when the rest fits.

    A cut falls between lines (never through one, nor through a table row's lines) and never
    right after a section heading (the heading goes with its list). Better still, it falls
    between paragraphs or list items, and before a table that fits in the next part rather
    than across it — when that leaves the part reasonably full. Across a table, it falls
    between the paragraphs of its cells if it can: Qt draws a cell's paragraph whole, clipped,
    so one cut through it would put its hidden lines in the PDF's text twice."""
    total = doc.size().height()
    if total - offset <= avail:
        return
    lines, headings, tables, ends, in_cells = line_boxes(doc)
    limit = offset + avail
    candidates = [y1 for _, y1 in lines if offset < y1 <= limit and y1 not in headings
                  and not any(a < y1 < b for a, b in lines)]
    clean = [y for y in candidates if not any(a < y < b for a, b in in_cells)]
    if clean and max(clean) >= offset + 0.3 * avail:
        candidates = clean
    whole = [y for y in candidates if not any(t < y < b and b - t <= avail for t, b in tables)]
    between = [y for y in whole if y in ends]
    if between and max(between) >= offset + 0.6 * avail:
        yield max(between)
    elif whole and max(whole) >= offset + 0.3 * avail:
        yield max(whole)
    else:
        yield max(candidates) if candidates else limit


def float_rect(doc: QTextDocument) -> QRectF | None:
    """Where the document's first floating box (a table with `float: right`) was laid out."""
    from PySide6.QtGui import QTextFrameFormat

    for frame in doc.rootFrame().childFrames():
        if frame.frameFormat().position() == QTextFrameFormat.Position.FloatRight:
            return doc.documentLayout().frameBoundingRect(frame)
    return None


def draw_part(p: QPainter, doc: QTextDocument, left: float, top: float, offset: float, end: float) -> None:
    """Draw the lines of `doc` from `offset` to `end` with their top at (left, top).

    The lines just outside the part (ending at `offset`, starting at `end`) belong to the parts
    before and after: they are left out, not merely clipped away, or their text would be in
    the PDF twice. Qt's own culling is a few pixels loose in table cells, so it is given a
    rectangle a little inside the part, while the visible clip is the part itself."""
    from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette

    p.save()
    p.translate(left, top - offset)
    p.setClipRect(QRectF(-MARKER_ROOM, offset, doc.textWidth() + MARKER_ROOM, end - offset))
    ctx = QAbstractTextDocumentLayout.PaintContext()
    inset = min(CULL_INSET, (end - offset) / 3)
    ctx.clip = QRectF(0, offset + inset, doc.textWidth(), max(end - offset - 2 * inset, 0.5))
    ctx.palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    doc.documentLayout().draw(p, ctx)
    p.restore()


def meta_text(text: str) -> str:
    """Data text for document metadata (PDF info, XMP, SVG title): no control or bidi characters
    (invalid in XML, and `pdfinfo` would print them to a terminal), at most 1,000 characters."""
    from ..core.markup import clean_text, truncate_for_display

    return truncate_for_display(clean_text(text), 1000)


def xmp(ds: Dataset, what: str) -> str:
    from xml.sax.saxutils import escape

    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta_text(ds.title))} — {escape(what)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta_text(ds.description))}</rdf:li></rdf:Alt></dc:description>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def complete_pdf(path: str) -> bool:
    """A write error leaves a truncated file: a finished PDF ends with %%EOF."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return size > 0 and b"%%EOF" in tail
