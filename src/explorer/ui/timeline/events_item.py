"""One graphics item that draws every event of the timeline, with level of detail.

What goes where is decided by the frame's plan (planner.py: density or marks
per lane, sub-rows, labels, cluster badges, other parties' ticks); this paints
it, in pixels, in a fixed order from the bottom up: joins to other parties,
relation arcs, density bars, bars and markers, labels and badges, the selected
event's ring, and last the hovered event's label, over everything. Only the
selected event's relations are drawn, with their names in words.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip

from ...core.layout import TimelineLayout
from ...core.markup import short_title
from ...render.event_html import relation_words
from ..text import plain
from .guarded_paint import guarded_paint
from .label_painter import LabelPainter, badge_tooltip
from .marker_painter import MARKER_R, MarkerPainter
from .planner import FramePlan, Planner

MAX_LINKS = 8  # related events drawn for the selected one


class EventsItem(pg.GraphicsObject):
    event_clicked = Signal(int)  # index into dataset.events
    background_clicked = Signal(float)  # day number
    cluster_clicked = Signal(float, float)  # first and last day of a cluster's events
    geometry_changed = Signal()  # the lanes' heights or places changed (lane names, lines, stance band follow)

    def __init__(self):
        super().__init__()
        self.layout: TimelineLayout | None = None
        self.selected = -1
        self.hovered = -1
        self.links: dict[int, str] = {}  # events related to the selected one -> the relation in words
        self.dimmed: np.ndarray | None = None  # bool per event: True = not matching
        self.hide_dimmed = False  # True: leave non-matching events out instead of fading them
        self.band_rows = 0  # rows of the stance band at the bottom (stance_band.py draws them)
        self.collapsed: set[int] = set()  # lanes drawn as one line
        self.font = QFont()
        self.font.setPointSizeF(9)
        self.badge_font = QFont(self.font)
        self.badge_font.setPointSizeF(8.5)
        self.planner = Planner(self.font, self.badge_font)
        self.text = LabelPainter(self.font, self.badge_font,
                                 measure=lambda ds, ei: self.planner.title_width(ds, ei) - 2)
        self.painter = MarkerPainter()
        self._plan: FramePlan | None = None
        self._plan_key = None
        self._geometry = None
        self._version = 0
        self._origin = (0.0, 0.0)
        self._bounds: QRectF | None = None
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    @property
    def colors(self) -> dict:
        return self.text.colors

    # -- state -------------------------------------------------------------------
    def _changed(self) -> None:
        self._version += 1
        self.update()

    def set_layout(self, layout: TimelineLayout) -> None:
        self.layout = layout
        self.painter.set_colors([QColor(k.color) for k in layout.colors])
        self.text.clear()
        self.planner.widths = {}
        self.selected = self.hovered = -1
        self.links = {}
        self.dimmed = None
        self._changed()

    def set_selected(self, index: int) -> None:
        self.selected = index
        self.links = self.links_of(index)
        self._changed()

    def links_of(self, index: int) -> dict[int, str]:
        """The events related to one, each with the relation in words read from it
        ("responds to", "is implemented by")."""
        links: dict[int, str] = {}
        lay = self.layout
        if lay is not None and 0 <= index < len(lay.dataset.events):
            ds = lay.dataset
            ev = ds.events[index]
            pairs = [(r.id, relation_words(r.relation)) for r in ev.related]
            pairs += [(o.id, relation_words(r.relation, incoming=True)) for o, r in ds.incoming(ev.id)]
            for other, words in pairs:
                i = ds.index_of(other)
                if i >= 0 and i != index and i not in links and len(links) < MAX_LINKS:
                    links[i] = words
        return links

    def set_dimmed(self, dimmed: np.ndarray | None) -> None:
        self.dimmed = dimmed
        self._changed()

    def set_hide_dimmed(self, hide: bool) -> None:
        self.hide_dimmed = hide
        self._changed()

    def set_collapsed(self, lanes: set[int]) -> None:
        if lanes != self.collapsed:
            self.collapsed = set(lanes)
            self._changed()

    def set_band_rows(self, n: int) -> None:
        if n != self.band_rows:
            self.band_rows = n
            self._changed()

    def set_palette(self, text: QColor, halo: QColor, arrow: QColor, highlight: QColor | None = None,
                    highlight_text: QColor | None = None, badge: QColor | None = None, base: QColor | None = None):
        c = self.text.colors
        c.update(text=text, halo=halo, arrow=arrow)
        if highlight is not None:
            c.update(highlight=highlight, highlight_text=highlight_text, badge=badge)
        if base is not None:
            c["halo_solid"] = base
            self.painter.edge = QColor(base)
            self.painter._atlas_key = None
        self.update()

    # -- the plan --------------------------------------------------------------------
    def plan(self) -> FramePlan | None:
        """This frame's plan (made once per range, size and state)."""
        vb = self.getViewBox()
        if self.layout is None or vb is None:
            return None
        (lo, hi), _ = vb.viewRange()
        w, h = float(vb.width()), float(vb.height())
        key = (lo, hi, w, h, self._version)
        if key != self._plan_key and w > 0 and h > 0 and hi > lo:
            self._plan = self.planner.plan(self.layout, lo, hi, w, h, selected=self.selected, links=self.links,
                                           dimmed=self.dimmed, hide_dimmed=self.hide_dimmed,
                                           band_rows=self.band_rows, collapsed=self.collapsed)
            self._plan_key = key
            geometry = ([(ln.top, ln.height) for ln in self._plan.lanes], self._plan.band)
            if geometry != self._geometry:
                self._geometry = geometry
                self.geometry_changed.emit()
        return self._plan

    def label_count(self) -> int:
        """How many event titles the last plan shows."""
        return len(self._plan.labels) if self._plan is not None else 0

    def drawn(self) -> dict:
        """The last paint, in device pixels: hit boxes `(x0, y0, x1, y1, index)` (index <= -2: a
        density bar), label rectangles `(x0, y0, x1, y1, index, kind, relation words)` (kind 1: the
        selected event, 2: a related one), badges `(x0, y0, x1, y1, count, first day, last day)`, the view's edges."""
        plan = self._plan
        ox, oy = self._origin
        if plan is None:
            return {"hits": [], "labels": 0, "label_rects": [], "badges": [], "view_px": (ox, ox),
                    "view_rect": (ox, oy, ox, oy), "lanes": []}
        lh = self.text.fm.height()
        hits = [(a + ox, b + oy, c + ox, d + oy, e) for a, b, c, d, e in plan.hits]
        for lane, top, height, starts in plan.density:
            hits.append((ox, top + oy, ox + plan.w, top + height + oy, -2 - len(starts)))
        return {
            "hits": hits, "labels": len(plan.labels),
            "label_rects": [(lb.x + ox, lb.y + oy, lb.x + lb.w + ox, lb.y + lh + oy, lb.event, lb.kind, lb.tag)
                            for lb in plan.labels],
            "badges": [(b.x0 + ox, b.y0 + oy, b.x1 + ox, b.y1 + oy, b.count, b.day_lo, b.day_hi)
                       for b in plan.badges],
            "view_px": (ox, ox + plan.w), "view_rect": (ox, oy, ox + plan.w, oy + plan.h),
            "lanes": [(ln.top + oy, ln.top + ln.height + oy) for ln in plan.lanes],
        }

    # -- geometry ------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        if self._bounds is None:  # the whole view: labels may go anywhere in it
            vr = self.viewRect()
            self._bounds = QRectF(vr) if vr is not None else QRectF()
        return QRectF(self._bounds)

    def dataBounds(self, axis, frac=1.0, orthoRange=None):
        return None  # its bounds are the view's: never a reason to auto-range it

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()
        self._bounds = None
        super().viewTransformChanged()

    # -- painting ----------------------------------------------------------------
    @guarded_paint
    def paint(self, p, *args) -> None:
        plan = self.plan()
        view = self.viewRect()
        if plan is None or view is None:
            return
        tr = p.transform()
        ox = view.left() * tr.m11() + tr.dx()
        oy = min(view.top() * tr.m22() + tr.dy(), view.bottom() * tr.m22() + tr.dy())
        self._origin = (ox, oy)
        p.resetTransform()
        p.translate(ox, oy)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        self.painter.dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        ds = self.layout.dataset
        colors = self.painter.colors
        if plan.links or plan.ticks:
            self._ticks(p, plan, colors)
        if self.selected in plan.at:
            self._arcs(p, plan, self.selected, self.links, 1.5)
        for lane, top, height, starts in plan.density:
            self.painter.density(p, starts, plan.sx, -plan.lo * plan.sx, top, height, self._lane_color(lane), plan.w)
        self.painter.markers(p, plan.marks, plan.w)
        self.text.labels(p, ds, plan)
        self.text.badges(p, plan, colors)
        if self.selected in plan.at:
            x, y = plan.at[self.selected]
            p.setPen(QPen(self.colors["arrow"], 2.2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(x, y), MARKER_R + 4, MARKER_R + 4)
        if self.hovered >= 0 and self.hovered in plan.at and self.hovered != self.selected:
            self._arcs(p, plan, self.hovered, self.links_of(self.hovered), 1.0)
            x, y = plan.at[self.hovered]
            if not any(lb.event == self.hovered and lb.w >= self.planner.title_width(ds, lb.event) - 2
                       for lb in plan.labels):
                self.text.overlay(p, ds, self.hovered, x, y, MARKER_R, plan.w)

    def _lane_color(self, lane: int) -> QColor:
        lay = self.layout
        if lay.mode == "party" and lay.color_by == "party":
            return QColor(lay.lanes[lane].color)
        return QColor(self.colors["arrow"])  # lanes by category: colour means party, so density stays neutral

    def _ticks(self, p, plan: FramePlan, colors) -> None:
        link = QColor(self.colors["arrow"])
        link.setAlpha(70)
        if plan.links:
            p.setPen(QPen(link, 1))
            p.drawLines([QLineF(x, a, x, b) for x, a, b in plan.links])
        if plan.ticks:
            xs, y0, y1, c = (np.concatenate(parts) for parts in zip(*plan.ticks))
            self.painter.ticks(p, xs, y0, y1, c)

    def _arcs(self, p, plan: FramePlan, source: int, links: dict[int, str], width: float) -> None:
        """Curved arrows from an event to the events related to it, under the marks and labels
        and below the era names; the relation's words are on the related event's label."""
        x0, y0 = plan.at[source]
        color = QColor(self.colors["arrow"])
        color.setAlpha(170)
        top = self.planner.era_strip + 3
        for other in links:
            if other not in plan.at:
                continue
            x1, y1 = plan.at[other]
            lift = min(max(abs(x1 - x0) * 0.18, 14.0), 70.0)
            cy = max(min(y0, y1) - lift, top)
            path = QPainterPath(QPointF(x0, y0))
            path.quadTo(QPointF((x0 + x1) / 2, cy), QPointF(x1, y1))
            p.setPen(QPen(color, width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            # the head, on the curve just outside the related event's marker
            t = max(0.5, 1 - (MARKER_R + 3) / max(path.length(), 1.0))
            end, before = path.pointAtPercent(t), path.pointAtPercent(max(t - 0.05, 0.0))
            vx, vy = end.x() - before.x(), end.y() - before.y()
            n = max((vx * vx + vy * vy) ** 0.5, 1e-6)
            ux, uy = vx / n, vy / n
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawPolygon(QPolygonF([end, QPointF(end.x() - 8 * ux + 4 * uy, end.y() - 8 * uy - 4 * ux),
                                     QPointF(end.x() - 8 * ux - 4 * uy, end.y() - 8 * uy + 4 * ux)]))

    # -- interaction -------------------------------------------------------------
    def _local(self, device_pos: QPointF) -> tuple[float, float]:
        return device_pos.x() - self._origin[0], device_pos.y() - self._origin[1]

    def hit(self, device_pos: QPointF) -> int:
        """The event under a point (device px), -1 for none, <= -2 for a density bar."""
        plan = self._plan
        if plan is None:
            return -1
        x, y = self._local(device_pos)
        best, best_d = -1, 1e9
        for x0, y0, x1, y1, ei in plan.hits:
            if x0 <= x <= x1 and y0 <= y <= y1:
                d = abs((x0 + x1) / 2 - x)
                if d < best_d:
                    best, best_d = ei, d
        if best < 0:
            for _lane, top, height, starts in plan.density:
                if top <= y <= top + height:
                    return -2 - len(starts)
        return best

    def in_band(self, device_pos: QPointF) -> bool:
        """Over the stance band (its own item answers there)."""
        plan = self._plan
        if plan is None or not plan.band:
            return False
        y = self._local(device_pos)[1]
        return plan.band[0][0] - 3 <= y <= plan.band[-1][0] + plan.band[-1][1]

    def badge_at(self, device_pos: QPointF):
        plan = self._plan
        if plan is None:
            return None
        x, y = self._local(device_pos)
        return next((b for b in plan.badges if b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1), None)

    def hoverEvent(self, ev) -> None:
        if ev.isExit():
            QToolTip.hideText()
            self._hover(-1)
            return
        dev = self.mapToDevice(ev.pos())
        if dev is None or self.layout is None or self.in_band(dev):
            return
        badge = self.badge_at(dev)
        ei = self.hit(dev) if badge is None else -1
        self._hover(ei)
        if badge is not None:
            tip = badge_tooltip(self.layout.dataset, badge, list(badge.events))
        elif ei >= 0:
            e = self.layout.dataset.events[ei]
            parties = ", ".join(self.layout.dataset.parties[p].name for p in e.parties if p in self.layout.dataset.parties)
            tip = f"{short_title(e.title)}\n{e.date.display()}" + (f"\n{parties}" if parties else "")
        elif ei <= -2:
            tip = f"{-ei - 2} events here — zoom in to see them"
        else:
            QToolTip.hideText()
            return
        view = self.getViewWidget()
        if view is not None:
            QToolTip.showText(view.mapToGlobal(dev.toPoint()), plain(tip), view)

    def _hover(self, ei: int) -> None:
        if ei != self.hovered:
            self.hovered = ei if ei >= 0 else -1
            self.update()

    def mouseClickEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        dev = self.mapToDevice(ev.pos())
        if dev is not None and self.in_band(dev):
            ev.ignore()  # for the stance band under it
            return
        ev.accept()
        badge = self.badge_at(dev) if dev is not None else None
        if badge is not None:
            self.cluster_clicked.emit(badge.day_lo, badge.day_hi)
            return
        ei = self.hit(dev) if dev is not None else -1
        if ei >= 0:
            self.event_clicked.emit(ei)
        else:
            self.background_clicked.emit(float(ev.pos().x()))
