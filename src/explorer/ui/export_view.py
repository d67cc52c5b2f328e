"""File > Export view… and `explorer export-view`: the timeline as a page — PDF, SVG or PNG.

The page holds a title line, the timeline as the app draws it (print_view.py), the
stance band lined up under it and the map at the cursor date when asked, and a
line saying where it comes from. PDF and SVG are vector; PNG is painted at the
chosen dpi. All three are laid out in pixels of 1/96 inch at the same size, so
they show the same labels. A bigger sheet (A3, A2) shows the same span with more
room and larger type: a poster of the whole span.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from .. import __version__
from ..core.dates import civil_from_days, display_day, year_label
from ..core.model import Dataset
from ..core.output import ExportError, atomic_path
from ..export.band import paint_band
from ..export.pages import complete_pdf, meta_text, xmp
from .print_view import TimelinePrinter
from .theme import DARK, LIGHT

PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter, "A3": QPageSize.PageSizeId.A3,
         "Tabloid": QPageSize.PageSizeId.Tabloid, "A2": QPageSize.PageSizeId.A2}
# type and markers grow with the sheet, so that a poster reads from further away
ZOOM = {"A4": 1.0, "Letter": 1.0, "A3": 1.15, "Tabloid": 1.15, "A2": 1.3}
FORMATS = ("pdf", "svg", "png")
MM = 96 / 25.4
MAX_PNG_PIXELS = 80_000_000  # an A2 page at 300 dpi is 35 million
MAX_SIDE_PX = 20_000


@dataclass
class ViewOptions:
    size: str = "A4"  # a sheet (landscape): A4, Letter, A3, Tabloid, A2; or "WxH" in pixels of 1/96 inch
    lo: float | None = None  # the dates shown (None: the whole span)
    hi: float | None = None
    lanes: str = "party"
    dark: bool = False
    band: bool = False  # each side's stance under the timeline
    map: bool = False  # the map at the cursor date (or the last date shown), beside the timeline
    cursor: float | None = None  # the cursor line and its date (None: no cursor)
    selected: int = -1  # an event to show selected, with its relations
    dimmed: np.ndarray | None = field(default=None, repr=False)  # events not matching a search, faded
    dpi: int | None = None  # PNG only: by default 150 for a sheet, 96 for a size in pixels

    def page_px(self) -> tuple[float, float]:
        """The page in pixels of 1/96 inch."""
        if self.size in PAPER:
            s = QPageSize(PAPER[self.size]).sizePoints()
            return max(s.width(), s.height()) * 96 / 72, min(s.width(), s.height()) * 96 / 72
        try:
            w, h = (int(v) for v in self.size.lower().split("x"))
        except ValueError:
            raise ValueError(f"size must be one of {', '.join(PAPER)} or WIDTHxHEIGHT in pixels, not {self.size!r}") from None
        if not (300 <= w <= MAX_SIDE_PX and 200 <= h <= MAX_SIDE_PX):
            raise ValueError(f"size must be from 300x200 to {MAX_SIDE_PX}x{MAX_SIDE_PX} pixels, not {self.size}")
        return float(w), float(h)


@dataclass
class ViewResult:
    path: str
    format: str
    labels: int  # event titles drawn
    drawn: dict  # the timeline's last paint (events_item.drawn): the same for every format
    lo: float
    hi: float


def format_of(out: str | os.PathLike) -> str:
    ext = os.path.splitext(str(out))[1].lower().lstrip(".")
    if ext not in FORMATS:
        raise ExportError(f"cannot write {out}: the name must end in .pdf, .svg or .png")
    return ext


def export_view(ds: Dataset, out: str | os.PathLike, options: ViewOptions | None = None,
                protect: tuple = ()) -> ViewResult:
    """Write the timeline view to `out` (.pdf, .svg or .png). Needs a QApplication."""
    from ..qt_fonts import install_fonts
    from PySide6.QtWidgets import QApplication

    o = options or ViewOptions()
    fmt = format_of(out)
    try:
        w, h = o.page_px()
    except ValueError as e:
        raise ExportError(str(e)) from None
    dpi = o.dpi or (150 if o.size in PAPER else 96)
    if fmt == "png" and (w * dpi / 96 * h * dpi / 96 > MAX_PNG_PIXELS or max(w, h) * dpi / 96 > MAX_SIDE_PX):
        raise ExportError(f"cannot write {out}: {o.size} at {dpi} dpi is too large an image; choose a lower dpi")
    install_fonts(QApplication.instance())
    printer = TimelinePrinter(ds, o.lanes, o.dark)
    try:
        with atomic_path(out, protect) as tmp:
            if fmt == "pdf":
                writer = QPdfWriter(str(tmp))
                writer.setResolution(96)
                if o.size in PAPER:
                    writer.setPageSize(QPageSize(PAPER[o.size]))
                    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
                else:  # the size as given, whichever side is longer
                    writer.setPageSize(QPageSize(QSizeF(w * 72 / 96, h * 72 / 96), QPageSize.Unit.Point, "",
                                                 QPageSize.SizeMatchPolicy.ExactMatch))
                    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
                writer.setPageMargins(QMarginsF(0, 0, 0, 0))
                writer.setTitle(meta_text(f"{ds.title} — timeline"))
                writer.setCreator(f"Explorer {__version__}")
                writer.setAuthor(meta_text(", ".join(ds.authors)) or "Explorer")
                writer.setDocumentXmpMetadata(xmp(ds, "timeline").encode("utf-8"))
                result = _paint_to(writer, ds, o, printer, w, h, str(out))
                if not complete_pdf(str(tmp)):
                    raise ExportError(f"cannot write {out}: the PDF could not be written completely (disk full?)")
            elif fmt == "svg":
                from PySide6.QtSvg import QSvgGenerator

                gen = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
                gen.setFileName(str(tmp))
                gen.setSize(QSize(round(w), round(h)))
                gen.setViewBox(QRectF(0, 0, round(w), round(h)))
                gen.setResolution(96)
                gen.setTitle(meta_text(f"{ds.title} — timeline"))
                gen.setDescription(meta_text(f"{ds.description} Made with Explorer {__version__}."))
                result = _paint_to(gen, ds, o, printer, w, h, str(out))
                if os.path.getsize(tmp) == 0:
                    raise ExportError(f"cannot write {out}: the SVG could not be written")
            else:
                ratio = dpi / 96
                img = QImage(round(w * ratio), round(h * ratio), QImage.Format.Format_ARGB32_Premultiplied)
                if img.isNull():
                    raise ExportError(f"cannot write {out}: not enough memory for a {img.width()}×{img.height()} image")
                img.setDevicePixelRatio(ratio)  # painted in pixels of 1/96 inch, as the screen
                result = _paint_to(img, ds, o, printer, w, h, str(out))
                img.setDotsPerMeterX(round(dpi / 0.0254))  # after painting: point sizes stay screen sizes
                img.setDotsPerMeterY(round(dpi / 0.0254))
                if not img.save(str(tmp), "PNG"):
                    raise ExportError(f"cannot write {out}: the image could not be saved (disk full?)")
    finally:
        printer.close()
    result.path, result.format = str(out), fmt
    return result


def _paint_to(device, ds: Dataset, o: ViewOptions, printer: TimelinePrinter, w: float, h: float,
              name: str) -> ViewResult:
    p = QPainter()
    if not p.begin(device):
        raise ExportError(f"cannot write {name}")
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        return paint_page(p, QRectF(0, 0, w, h), ds, o, printer)
    finally:
        p.end()


def range_text(lo: float, hi: float) -> str:
    """"1693 to 2032" for decades and more, "1 January 1940 to 31 December 1965" for less."""
    if hi - lo > 365.25 * 30:
        return f"{year_label(civil_from_days(int(lo))[0])} to {year_label(civil_from_days(int(hi))[0])}"
    return f"{display_day(lo)} to {display_day(hi)}"


def paint_page(p: QPainter, page: QRectF, ds: Dataset, o: ViewOptions, printer: TimelinePrinter) -> ViewResult:
    """Title, timeline, band, map and source line on one page of `page`'s size."""
    theme = DARK if o.dark else LIGHT
    p.fillRect(page, QColor(theme.base))
    zoom = ZOOM.get(o.size, 1.0)
    margin = (10 * MM if o.size in PAPER else 12) * zoom
    area = page.adjusted(margin, margin, -margin, -margin)
    span = ds.span()
    pad = max((span[1] - span[0]) * 0.02, 30)
    lo = o.lo if o.lo is not None else span[0] - pad
    hi = o.hi if o.hi is not None else span[1] + pad
    p.save()
    p.translate(area.topLeft())
    p.scale(zoom, zoom)  # everything below in the timeline's pixels, grown for a big sheet
    area = QRectF(0, 0, area.width() / zoom, area.height() / zoom)
    title = QFont()
    title.setPointSizeF(14)
    title.setBold(True)
    small = QFont()
    small.setPointSizeF(8.5)
    p.setFont(title)
    p.setPen(QColor(theme.text))
    th = p.fontMetrics().height()
    p.drawText(QRectF(area.left(), area.top(), area.width(), th), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
               p.fontMetrics().elidedText(ds.title, Qt.TextElideMode.ElideRight, int(area.width())))
    p.setFont(small)
    sh = p.fontMetrics().height()
    lanes = "lanes by party" if o.lanes == "party" else "lanes by category"
    cursor = f" · cursor on {display_day(o.cursor)}" if o.cursor is not None else ""
    p.setPen(QColor(theme.muted))
    p.drawText(QRectF(area.left(), area.top() + th + 2, area.width(), sh), Qt.AlignmentFlag.AlignLeft,
               f"{range_text(lo, hi)} · {lanes}{cursor}")
    foot = (f"Source: {ds.title}" + (f" ({ds.license})" if ds.license else "")
            + f" · made with Explorer {__version__}")
    p.drawText(QRectF(area.left(), area.bottom() - sh, area.width(), sh), Qt.AlignmentFlag.AlignLeft,
               p.fontMetrics().elidedText(foot, Qt.TextElideMode.ElideRight, int(area.width())))
    body = QRectF(area.left(), area.top() + th + sh + 10, area.width(), area.height() - th - 2 * sh - 18)
    day = o.cursor if o.cursor is not None else hi
    if o.map and ds.geo is not None:
        from .map.snapshot import paint_map

        mw = min(body.width() * 0.34, body.height() * 0.95)
        map_rect = QRectF(body.right() - mw, body.top(), mw, body.height())
        highlight = ds.events[o.selected].places if 0 <= o.selected < len(ds.events) else ()
        paint_map(p, map_rect, ds, day, highlight=highlight, dark=o.dark, scale=1.0, legend=True)
        body.setRight(map_rect.left() - 12)
    sides = len([s for s in ds.side_ids if s in ds.parties])
    band_h = sides * min(26.0, max(18.0, body.height() * 0.05)) if o.band and sides else 0.0
    tl = QRectF(body.left(), body.top(), body.width(), body.height() - band_h - (6 if band_h else 0))
    printer.view.set_band_shown(not band_h)  # the page's own, larger band replaces the view's built-in rows
    printer.prepare(tl.width(), tl.height(), lo, hi, o.cursor, o.selected, o.dimmed)
    left, right = printer.paint(p, tl)
    shown_lo, shown_hi = printer.view.visible_range()
    if band_h:
        paint_band(p, QRectF(tl.left(), tl.bottom() + 6, tl.width(), band_h), ds, shown_lo, shown_hi, o.cursor,
                   data_left=left, data_right=right, unit=MM, font_pt=7.5, dark=o.dark)
    p.restore()
    return ViewResult("", "", printer.labels(), printer.drawn(), shown_lo, shown_hi)
