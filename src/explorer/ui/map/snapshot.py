"""The map as an image (for `explorer screenshot`, event cards, documentation): no widget needed."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from .map_paint import MapPainter


def painter_for(ds) -> MapPainter | None:
    """A MapPainter for a dataset (None when it has no map)."""
    if ds.geo is None:
        return None
    parties = ds.parties
    return MapPainter(ds.geo, {pid: p.color for pid, p in parties.items()},
                      lambda pid, day: parties[pid].name_at(day) if pid in parties else pid)


def map_image(ds, day: float, width: int = 600, height: int = 640, dark: bool = False,
              highlight: Iterable[str] = (), legend: bool = True) -> QImage | None:
    """The dataset's map on `day` (None without a map). Needs a QGuiApplication."""
    from ..theme import DARK, LIGHT

    mp = painter_for(ds)
    if mp is None:
        return None
    theme = DARK if dark else LIGHT
    mp.set_theme(theme.base, theme.text, theme.muted)
    mp.legend = legend
    img = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor(theme.base))
    p = QPainter(img)
    try:
        mp.paint(p, QRectF(0, 0, width, height), day, highlight=frozenset(highlight))
    finally:
        p.end()
    return img


def paint_map(p: QPainter, rect: QRectF, ds, day: float, highlight: Iterable[str] = (), dark: bool = False,
              scale: float = 1.0, legend: bool = True) -> bool:
    """Draw the map into `rect` of any painter (a PDF page: vector shapes and text).

    Sizes (pens, swatches, margins) are in pixels of 1/96 inch; on a 300 dpi device pass
    `scale=300 / 96` so they keep their look. False when the dataset has no map."""
    from ..theme import DARK, LIGHT

    mp = painter_for(ds)
    if mp is None:
        return False
    theme = DARK if dark else LIGHT
    mp.set_theme(theme.base, theme.text, theme.muted)
    mp.legend = legend
    _paint_scaled(mp, p, rect, day, highlight, scale)
    return True


def _paint_scaled(mp: MapPainter, p: QPainter, rect: QRectF, day: float, highlight: Iterable[str], scale: float) -> None:
    """`mp` into `rect`, its sizes (pixels of 1/96 inch) multiplied by `scale`."""
    p.save()
    try:
        p.translate(rect.topLeft())
        p.scale(scale, scale)
        mp.paint(p, QRectF(0, 0, rect.width() / scale, rect.height() / scale), day, highlight=frozenset(highlight))
    finally:
        p.restore()


def save_map_png(ds, day: float, path: str | Path, width: int = 600, height: int = 640, dark: bool = False) -> bool:
    img = map_image(ds, day, width, height, dark)
    return img is not None and img.save(str(path), "PNG")


def card_map_hook(ds):
    """An `export.map_key.MapHook` for printed cards (paper colours), or None without a map.
    One MapPainter is kept for all cards: its projected paths are built once per size."""
    mp = painter_for(ds)
    if mp is None:
        return None
    from ..theme import LIGHT

    mp.set_theme(LIGHT.base, LIGHT.text, LIGHT.muted)
    mp.thin = 0.8  # 0.2 mm on paper: invisible, and a third fewer points on every card

    def paint(p: QPainter, rect: QRectF, day: float, highlight: tuple[str, ...], legend: bool) -> bool:
        scale = max(p.device().logicalDpiX(), 1) / 96 if p.device() is not None else 1.0
        mp.legend = legend
        mp.labels = legend  # the small map's names would cover its islands: the key beside it names the parties
        _paint_scaled(mp, p, rect, day, highlight, scale)
        return True

    return paint
