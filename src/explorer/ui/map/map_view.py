"""The map panel: regions coloured by who held them on the cursor's day.

`MapView` gets a `Geo` and the party colours (or a whole `Dataset` through
`set_dataset`), never the window. It emits `region_clicked(region_id)`; the
window calls `set_day(day)` when the cursor moves. Wheel zooms around the
pointer, dragging pans, double-click (or 0) resets the view, + and − zoom.
Hovering a region shows its Japanese and Russian names and who holds it; the
tooltip is built from escaped text, so nothing in a data file can inject markup.
Drawing is `map_paint.MapPainter` (QtGui only, shared with images and PDFs).
"""

from __future__ import annotations

import html
from typing import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from ...core.dates import Date
from ...core.geo import Geo, label_point
from ..timeline.guarded_paint import guarded_paint
from .map_paint import MapPainter

MIN_ZOOM, MAX_ZOOM = 1.0, 40.0
DRAG_START = 4  # pixels of movement before a press becomes a pan


MAP_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter,
            Qt.Key.Key_Space)


class MapView(QWidget):
    region_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(160, 160)
        self.setAccessibleName("Map")
        self._mp: MapPainter | None = None
        self._day: float = 0
        self._states = None
        self._zoom = 1.0
        self._pan = (0.0, 0.0)
        self._hover: str | None = None
        self._highlight: frozenset = frozenset()
        self._press: tuple[QPointF, tuple[float, float]] | None = None
        self._dragging = False
        self._theme = ("#ffffff", "#1d2026", "#5b6270")

    # -- what to show ---------------------------------------------------------------------------
    def set_geo(self, geo: Geo | None, colors: dict[str, str],
                name_of: Callable[[str, float], str] | None = None) -> None:
        """The regions to draw, each party's colour (`#rrggbb`), and its display name on a day."""
        self._mp = MapPainter(geo, colors, name_of) if geo is not None else None
        if self._mp is not None:
            self._mp.set_theme(*self._theme)
        self._states = None
        self._hover = None
        self.reset_view()

    def set_dataset(self, ds) -> None:
        """Shortcut for `set_geo` from a Dataset (its `geo`, party colours and names over time)."""
        parties = ds.parties
        self.set_geo(ds.geo, {pid: p.color for pid, p in parties.items()},
                     lambda pid, day: parties[pid].name_at(day) if pid in parties else pid)

    def set_day(self, day: float) -> None:
        """Show who held what on `day`; only the colours change."""
        self._day = day
        self._states = self._mp.geo.state_at(day) if self._mp else None
        self.update()

    def set_theme(self, bg: str, fg: str, muted: str) -> None:
        self._theme = (bg, fg, muted)
        if self._mp is not None:
            self._mp.set_theme(bg, fg, muted)
        self.update()

    def set_highlight(self, region_ids: Iterable[str]) -> None:
        """Outline these regions (e.g. the regions the selected event is about)."""
        self._highlight = frozenset(region_ids)
        self.update()

    def set_labels(self, on: bool) -> None:
        if self._mp is not None:
            self._mp.labels = on
            self.update()

    def reset_view(self) -> None:
        self._zoom, self._pan = 1.0, (0.0, 0.0)
        self.update()

    def state(self, region_id: str):
        """What the map shows for a region on the current day: its `RegionState` (None without a map)."""
        return self._states.get(region_id) if self._states else None

    @property
    def has_map(self) -> bool:
        return self._mp is not None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, 520)

    # -- geometry -------------------------------------------------------------------------------
    def _rect(self) -> QRectF:
        return QRectF(self.rect())

    def map_point(self, lon: float, lat: float) -> QPointF:
        """Where a longitude/latitude is drawn in this widget now."""
        return self._mp.project(lon, lat, self._rect(), self._zoom, self._pan)

    def region_at(self, pos: QPointF) -> str | None:
        if self._mp is None:
            return None
        return self._mp.region_at(QPointF(pos), self._rect(), self._zoom, self._pan)

    def zoom_by(self, factor: float, around: QPointF | None = None) -> None:
        if self._mp is None:
            return
        rect = self._rect()
        around = rect.center() if around is None else QPointF(around)
        new = min(MAX_ZOOM, max(MIN_ZOOM, self._zoom * factor))
        scale, ox, oy = self._mp.fit(rect, self._zoom, self._pan)
        mx, my = (around.x() - ox) / scale, (around.y() - oy) / scale  # the map point under `around`
        s2, bx, by = self._mp.fit(rect, new, (0.0, 0.0))
        self._zoom = new
        self._pan = (around.x() - mx * s2 - bx, around.y() - my * s2 - by) if new > MIN_ZOOM else (0.0, 0.0)
        self.update()

    # -- painting -------------------------------------------------------------------------------
    @guarded_paint
    def paintEvent(self, _ev) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        try:
            if self._mp is None:
                p.fillRect(self.rect(), QColor(self._theme[0]))
                p.setPen(self.palette().placeholderText().color())
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "This dataset has no map")
                return
            if self._states is None:
                self._states = self._mp.geo.state_at(self._day)
            self._mp.paint(p, self._rect(), self._day, self._zoom, self._pan, self._hover, self._highlight,
                           self._states)
            if self.hasFocus():
                p.setPen(self.palette().highlight().color())
                p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        finally:
            p.end()

    # -- mouse and keys -------------------------------------------------------------------------
    def wheelEvent(self, ev) -> None:  # noqa: N802 - Qt API
        steps = ev.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.25 ** steps, ev.position())
        ev.accept()

    def mousePressEvent(self, ev) -> None:  # noqa: N802 - Qt API
        if ev.button() == Qt.MouseButton.LeftButton:
            self._press = (ev.position(), self._pan)
            self._dragging = False
        super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802 - Qt API
        pos = ev.position()
        if self._press is not None and ev.buttons() & Qt.MouseButton.LeftButton:
            start, pan = self._press
            dx, dy = pos.x() - start.x(), pos.y() - start.y()
            if self._dragging or abs(dx) + abs(dy) >= DRAG_START:
                self._dragging = True
                self._pan = (pan[0] + dx, pan[1] + dy)
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.update()
                return
        rid = self.region_at(pos)
        if rid != self._hover:
            self._hover = rid
            self.update()
            if rid is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(ev.globalPosition().toPoint(), self.tooltip_html(rid), self)

    def mouseReleaseEvent(self, ev) -> None:  # noqa: N802 - Qt API
        if ev.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging:
                rid = self.region_at(ev.position())
                if rid is not None:
                    self.region_clicked.emit(rid)
            self._press = None
            self._dragging = False
            self.unsetCursor()
        super().mouseReleaseEvent(ev)

    def mouseDoubleClickEvent(self, ev) -> None:  # noqa: N802 - Qt API
        self.reset_view()

    def leaveEvent(self, ev) -> None:  # noqa: N802 - Qt API
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(ev)

    def event(self, ev) -> bool:
        # the window's ← → (previous/next event) are shortcuts: on the map the arrows and Enter are its own
        if ev.type() == QEvent.Type.ShortcutOverride and self.has_map and ev.key() in MAP_KEYS:
            ev.accept()
            return True
        return super().event(ev)

    def keyPressEvent(self, ev) -> None:  # noqa: N802 - Qt API
        key = ev.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.reset_view()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and self.has_map:
            self.step_region(1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._hover is not None:
            QToolTip.hideText()  # the history below shows it now
            self.region_clicked.emit(self._hover)  # what a click on it does
        else:
            super().keyPressEvent(ev)

    def step_region(self, step: int) -> str | None:
        """Point at the next (or previous) region with the keyboard, as the mouse would: outlined,
        its names and holders in a tooltip beside it; Enter then picks it."""
        ids = list(self._mp.geo.regions)
        if not ids:
            return None
        at = ids.index(self._hover) if self._hover in ids else (-1 if step > 0 else 0)
        rid = self._hover = ids[(at + step) % len(ids)]
        self.update()
        anchor = label_point(self._mp.geo.regions[rid])
        if anchor is not None:
            QToolTip.showText(self.mapToGlobal(self.map_point(*anchor).toPoint()), self.tooltip_html(rid), self)
        return rid

    # -- text -----------------------------------------------------------------------------------
    def tooltip_html(self, rid: str) -> str:
        """Rich text made only of escaped data: names in every language, holder, claimants."""
        mp = self._mp
        region = mp.geo.regions[rid]
        esc = html.escape
        lines = [f"<b>{esc(region.name)}</b>"]
        names = dict(region.names)
        for lang in sorted(names, key=lambda k: (k not in ("ja", "ru"), k != "ja", k)):
            lines.append(f"{esc(lang)}: {esc(names[lang])}")
        st = (self._states or mp.geo.state_at(self._day)).get(rid)
        if st and st.holder:
            since = f" since {Date.display(st.control.since)}" if st.control else ""
            lines.append(f"{esc(mp.name_of(st.holder, self._day))} {esc(st.holder_kind)} it{esc(since)}")
        else:
            lines.append("no holder recorded")
        for pid in (st.claimants if st else []):
            lines.append(f"claimed by {esc(mp.name_of(pid, self._day))}")
        return "<qt>" + "<br>".join(lines) + "</qt>"
