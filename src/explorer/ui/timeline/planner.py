"""What the timeline shows in one frame, and where: the plan the items paint from.

For the visible range and the plot's size this decides, lane by lane, whether
the lane is drawn as density bars (more marks than it has pixels for) or as
marks; stacks the marks into sub-rows (core/stacking.py) after sharing the
height out between the lanes (each lane asks for the rows its labels need;
lanes with few events get little height); and lays out labels, cluster badges,
the ticks of an event's other parties and the lines joining them to its mark.
Everything is in pixels from the plot's top-left corner.

The plan depends only on the range, the size and the state (selection,
dimming), so the events, the lane names (axis), the lane lines (eras) and the
stance band all read the same one; it is made at most once per frame.
"""

from __future__ import annotations

import math
import numpy as np
from PySide6.QtGui import QFont, QFontMetricsF

from ...core.layout import TimelineLayout
from ...core.markup import short_title
from ...core.lane_rows import allocate
from ...core.stacking import first_cell, stack
from .frame_plan import LANE_PAD, Badge, FramePlan, Label, Lane, add_ticks, finish_marks, span_text
from .marker_painter import MARKER_R

__all__ = ["Planner", "FramePlan", "Badge", "Label", "Lane", "span_text"]

MIN_SPACING_PX = 12  # a lane with fewer pixels per visible mark than this shows density
MAX_ROWS = 12  # sub-rows a lane may ask for
THIN_H = 17  # a lane with nothing to label here, or collapsed for lack of room: one strip of marks
MIN_THIN_H = 12  # squeezed this far when even thin lanes do not fit (many lanes, a small window)
DENSITY_H = (30, 70)
BAND_ROW_H = 18
BAND_GAP = 5
LABEL_MAX_PX = 280
SELECTED_MAX_PX = 560  # the selected event's title, whole where it can be
RELATED_MAX_PX = 210  # a related event's tag and title: longer ones would take a row from the others
RELATED_MIN_PX = 110  # a related event's tag and the start of its title
MAX_NEAR_LINKS = 3  # related events that keep their label whatever the crowding (the nearest in time)
MAX_CACHED = 20_000


def _shows(st) -> tuple[int, int]:
    """What a lane's stack shows: marks in a row of their own (not in a badge), then labels."""
    return int(np.count_nonzero(st.row >= 0)), int(np.count_nonzero(st.label_w > 0))


class Planner:
    def __init__(self, font: QFont, badge_font: QFont):
        self.fm = QFontMetricsF(font)
        self.badge_fm = QFontMetricsF(badge_font)
        self.row_h = max(18.0, math.ceil(self.fm.height()) + 4)
        self.era_strip = math.ceil(self.fm.height()) + 4
        self.widths: dict[int, float] = {}
        self._tags: dict[str, float] = {}
        self._badges: dict[tuple[int, float, float], float] = {}

    def title_width(self, ds, ei: int) -> float:
        w = self.widths.get(ei)
        if w is None:
            if len(self.widths) >= MAX_CACHED:
                self.widths.clear()
            w = self.widths[ei] = self.fm.horizontalAdvance(short_title(ds.events[ei].title)) + 2
        return w

    def tag_width(self, tag: str) -> float:
        w = self._tags.get(tag)
        if w is None:
            w = self._tags[tag] = self.badge_fm.horizontalAdvance(tag) + 10
        return w

    def badge_width(self, count: int, lo: float, hi: float) -> float:
        w = self._badges.get((count, lo, hi))
        if w is None:
            if len(self._badges) >= MAX_CACHED:
                self._badges.clear()
            w = self._badges[count, lo, hi] = self.badge_fm.horizontalAdvance(
                f"{count} events · {span_text(lo, hi)}") + 14
        return w

    # -- the plan ------------------------------------------------------------------------
    def plan(self, lay: TimelineLayout, lo: float, hi: float, w: float, h: float, *, selected: int = -1,
             links: dict[int, str] | None = None, dimmed: np.ndarray | None = None, hide_dimmed: bool = False,
             band_rows: int = 0, collapsed: set[int] = frozenset()) -> FramePlan:
        sx = w / max(hi - lo, 1e-9)
        out = FramePlan(lo, hi, w, h, sx, self.row_h)
        links = links or {}
        # the related events nearest in time keep their labels; the others show theirs where there is room
        ds = lay.dataset
        if 0 <= selected < len(ds.events):
            t = ds.events[selected].start
            near = set(sorted(links, key=lambda e: abs(ds.events[e].start - t))[:MAX_NEAR_LINKS])
        else:
            near = set()
        filtering = dimmed is not None and hide_dimmed
        lanes: list[tuple[str, np.ndarray]] = []
        for lane in range(len(lay.lanes)):
            a, b = lay.visible(lane, lo, hi)
            if b > a and not filtering and lay.marks_between(a, b) * MIN_SPACING_PX > w:
                first = a + int(np.searchsorted(lay.start[a:b], lo, "left"))
                if lay.marks_between(first, b) * MIN_SPACING_PX > w:
                    lanes.append(("density", lay.start[first:b]))
                    continue
            idx = np.arange(a, b)
            keep = lay.end[idx] >= lo
            if filtering:
                keep &= ~dimmed[lay.event_index[idx]]
            idx = idx[keep]
            if filtering and np.count_nonzero(lay.primary[idx]) * MIN_SPACING_PX > w:
                lanes.append(("density", lay.start[idx]))
                continue
            lanes.append(("marks", idx))
        # the marks of each lane, and the rows they ask for
        items = [self._items(lay, idx, lo, sx, w, selected, links, near, dimmed) if kind == "marks" else None
                 for kind, idx in lanes]
        demands, first_stack, labelled = [], [], []
        for it in items:
            if it is None or not len(it["left"]):
                demands.append(0)
                first_stack.append(None)
                labelled.append(0)
                continue
            st = stack(it["left"], it["right"], it["lx"], it["lw"], it["prio"], it["day"], MAX_ROWS,
                       right_edge=w - 2, left_edge=2)
            labelled.append(int(np.count_nonzero(it["prio"] > 0)))
            demands.append(min(st.rows, MAX_ROWS) if labelled[-1] else 0)
            first_stack.append(st)
        band_row = BAND_ROW_H
        band_h = band_rows * band_row + (BAND_GAP if band_rows else 0)
        avail = h - self.era_strip - band_h - 2
        one_row = 2 * LANE_PAD + self.row_h
        thin = [kind == "marks" and (d == 0 or j in collapsed) for j, ((kind, _), d) in enumerate(zip(lanes, demands))]
        # (a lane the reader collapsed is a thin strip too)
        has_selected = [it is not None and len(it["prio"]) and it["prio"].max() >= 3 for it in items]
        need = sum(DENSITY_H[0] if kind == "density" else (THIN_H if t else one_row)
                   for (kind, _), t in zip(lanes, thin))
        need += sum(self.row_h for j, d in enumerate(demands) if d >= 2 and has_selected[j] and not thin[j])
        # no room for a row of labels in every lane: the lanes with the fewest marks become thin strips
        for j in sorted((j for j, d in enumerate(demands) if d and not thin[j]), key=lambda j: labelled[j]):
            if need <= avail:
                break
            if not has_selected[j]:  # the selected event's lane keeps its labels
                thin[j] = True
                need -= one_row - THIN_H
        thin_h = THIN_H
        if need > avail:  # still too many lanes: squeeze the thin strips and the stance band
            n_thin = sum(1 for (kind, _), t in zip(lanes, thin) if kind == "marks" and t)
            short = need - avail
            if n_thin:
                thin_h = max(MIN_THIN_H, THIN_H - short / n_thin)
                short -= (THIN_H - thin_h) * n_thin
                need -= (THIN_H - thin_h) * n_thin
            if short > 0 and band_rows:
                band_row = max(MIN_THIN_H, BAND_ROW_H - short / band_rows)
                band_h = band_rows * band_row + BAND_GAP
                avail = h - self.era_strip - band_h - 2
        full = [j for j, d in enumerate(demands) if d and not thin[j]]
        least = sum(2 if demands[j] >= 2 and has_selected[j] else 1 for j in full)  # rows counted in `need`
        fixed = need - least * self.row_h
        total = max(int((avail - fixed) // self.row_h), least)
        stacks = self._stack_lanes(items, first_stack, full, demands, labelled, total, first_cell(sx, 28.0), w)
        heights = [thin_h if j not in stacks else 2 * LANE_PAD + max(stacks[j].rows, 1) * self.row_h
                   for j in range(len(lanes))]
        stacks = [stacks.get(j) for j in range(len(lanes))]
        n_density = sum(1 for kind, _ in lanes if kind == "density")
        spare = avail - sum(hh for (kind, _), hh in zip(lanes, heights) if kind != "density")
        dens_h = min(max(spare / n_density, DENSITY_H[0]), DENSITY_H[1]) if n_density else 0
        top = float(self.era_strip)
        for j, ((kind, idx), hh) in enumerate(zip(lanes, heights)):
            hh = dens_h if kind == "density" else hh
            out.lanes.append(Lane(top, hh, kind == "density", thin=kind == "marks" and stacks[j] is None))
            top += hh
        if band_rows:
            band_top = max(top + BAND_GAP, h - band_h + BAND_GAP - 2)
            out.band = [(band_top + i * band_row, band_row) for i in range(band_rows)]
        for lane, ((kind, idx), it, st) in enumerate(zip(lanes, items, stacks)):
            box = out.lanes[lane]
            if kind == "density":
                out.density.append((lane, box.top, box.height, idx))
            elif box.thin:
                self._place_thin(out, box, it)
            else:
                box.rows = st.rows
                self._place(out, lane, box, it, st)
        for lane, (kind, idx) in enumerate(lanes):
            if kind == "marks":
                add_ticks(out, lay, lane, idx, dimmed)
        finish_marks(out)
        return out

    def _stack_lanes(self, items, first_stack, full, demands, labelled, total, cell, w) -> dict:
        """Each full lane's rows: shared out, then stacked; rows a lane leaves unused go to a lane
        that still has clusters or unlabelled marks, while the plot has room."""
        selected = [int(items[j]["prio"].max() >= 3) for j in full]
        rows = allocate([demands[j] for j in full], total, [labelled[j] for j in full],
                        [2 if s else 1 for s in selected])  # the selected event's lane: two rows if it can
        budget = dict(zip(full, rows))
        done: dict[tuple[int, int], object] = {}  # (lane, rows): its stack, made once a frame

        def run(j: int):
            it, st = items[j], first_stack[j]
            if budget[j] >= st.rows and not (st.row[it["prio"] > 0] < 0).any():
                return st  # everything fitted in the rows it asked for
            got = done.get((j, budget[j]))
            if got is None:
                got = done[j, budget[j]] = stack(
                    it["left"], it["right"], it["lx"], it["lw"], it["prio"], it["day"], budget[j], right_edge=w - 2,
                    left_edge=2, badge_width=self.badge_width, first_level=cell)
            return got

        stacks = {j: run(j) for j in full}
        tried = set()
        for _ in range(4):
            spare = total - sum(st.rows for st in stacks.values())
            wanting = [j for j in full if j not in tried and budget[j] < demands[j]
                       and (stacks[j].clusters or (stacks[j].under & (items[j]["prio"] > 0)).any())]
            if spare <= 0 or not wanting:
                break
            j = max(wanting, key=lambda j: labelled[j])
            tried.add(j)
            old_budget, old = budget[j], stacks[j]
            # one row more than it had (a lane that clustered may use fewer rows than it had: fewer
            # than that changes nothing or clusters more), kept only if it then shows more
            budget[j] = max(old.rows, old_budget) + 1
            stacks[j] = run(j)
            if sum(st.rows for st in stacks.values()) > total or _shows(stacks[j]) <= _shows(old):
                budget[j], stacks[j] = old_budget, old
            else:
                tried.discard(j)
        return stacks

    def _items(self, lay, idx, lo, sx, w, selected, links, near, dimmed) -> dict:
        """The marks of one lane in pixels, with what stacking needs. A point whose marker is out of
        view (a year or a decade reaching into it) shows only its faint extent: those are kept
        apart, in arrays only (zoomed in on 100,000 events there may be thousands)."""
        p = idx[lay.primary[idx]]
        x0 = (lay.start[p] - lo) * sx
        x1 = (lay.end[p] - lo) * sx
        iv = lay.interval[p]
        xm = np.where(iv, x0, (x0 + x1) / 2)
        shown = iv | ((xm >= -MARKER_R - 2) & (xm <= w + MARKER_R + 2))
        extent = None
        if not shown.all():
            out_of_view = ~shown
            extent = {"x0": x0[out_of_view], "x1": x1[out_of_view], "xm": xm[out_of_view], "iv": iv[out_of_view],
                      "shown": shown[out_of_view], "ev": lay.event_index[p[out_of_view]],
                      "dim": (dimmed[lay.event_index[p[out_of_view]]] if dimmed is not None
                              else np.zeros(int(out_of_view.sum()), dtype=bool)),
                      "fuzzy": lay.fuzzy[p[out_of_view]], "color": lay.color[p[out_of_view]],
                      "shape": lay.shape[p[out_of_view]]}
            p, x0, x1, iv, xm, shown = p[shown], x0[shown], x1[shown], iv[shown], xm[shown], shown[shown]
        ev = lay.event_index[p]
        dim = dimmed[ev] if dimmed is not None else np.zeros(len(p), dtype=bool)
        left = np.where(iv, x0, xm - MARKER_R)
        right = np.where(iv, np.maximum(x1, x0 + 2 * MARKER_R), xm + MARKER_R)
        ds = lay.dataset
        n = len(p)
        lx = np.empty(n)
        lw = np.zeros(n)
        prio = np.ones(n, dtype=np.int8)
        tags = [""] * n
        inside = np.zeros(n, dtype=bool)
        marks_x = np.sort(xm[shown])  # to put a priority label on the side with fewer marks
        for i, (e, is_iv, a, b, m, s, d) in enumerate(zip(ev.tolist(), iv.tolist(), x0.tolist(), x1.tolist(),
                                                           xm.tolist(), shown.tolist(), dim.tolist())):
            pr = 3 if e == selected else (2 if e in near else (0 if (d or not s) else 1))
            prio[i] = pr
            tw = min(self.title_width(ds, e), SELECTED_MAX_PX if pr == 3 else LABEL_MAX_PX) if pr else 0.0
            if pr and e in links:
                tags[i] = links[e]
                tw = min(tw + self.tag_width(links[e]) + 4, RELATED_MAX_PX)
            lw[i] = tw
            if is_iv:
                a_in = max(a, 0.0) + 5
                if min(b, w) - a_in >= tw + 6:
                    lx[i], inside[i] = a_in, True
                else:
                    lx[i] = b + 4
            else:
                lx[i] = m + MARKER_R + 4
            if pr >= 2:
                self._side(i, pr, is_iv, a, m, tw, w, lx, lw, inside, marks_x)
        day = np.where(iv, lay.start[p], (lay.start[p] + lay.end[p]) / 2)
        return {"rows": p, "x0": x0, "x1": x1, "xm": xm, "iv": iv, "shown": shown, "ev": ev, "dim": dim,
                "left": left, "right": right, "lx": lx, "lw": lw, "prio": prio, "day": day, "extent": extent,
                "tags": tags, "inside": inside, "fuzzy": lay.fuzzy[p], "color": lay.color[p], "shape": lay.shape[p]}

    def _side(self, i, pr, is_iv, a, m, tw, w, lx, lw, inside, marks_x) -> None:
        """Where the selected (3) or a related (2) event's label goes: beside its mark on the side
        with fewer marks under it (a label blocks its row there), inside the view, never cut for
        the selected one (shortened only when neither side has room); a related one that cannot
        show its tag and some title on either side goes with the others (priority 1)."""
        mark_left = a if is_iv else m - MARKER_R
        right_x, left_x = lx[i], mark_left - 4 - tw
        fits_right, fits_left = right_x + tw <= w - 2, left_x >= 2
        if fits_right and fits_left:
            crowd_right = np.searchsorted(marks_x, right_x + tw) - np.searchsorted(marks_x, right_x)
            crowd_left = np.searchsorted(marks_x, mark_left) - np.searchsorted(marks_x, left_x)
            if crowd_left < crowd_right:
                lx[i], inside[i] = left_x, False
            return
        if fits_right:
            return
        if fits_left:
            lx[i], inside[i] = left_x, False
            return
        right_room, left_room = w - 2 - right_x, mark_left - 6
        if pr == 2 and max(right_room, left_room) < RELATED_MIN_PX:
            lw[i] = min(tw, LABEL_MAX_PX)
            return  # (the caller's priority stays 2; `stack` places it with the others if it must)
        if left_room > right_room:
            lx[i], lw[i], inside[i] = 2.0, left_room, False
        else:
            lw[i] = max(right_room, 0.0)

    def _place(self, out: FramePlan, lane: int, box: Lane, it, st) -> None:
        if it is None:
            return
        if st is None:  # nothing in view but extents
            if it["extent"] is not None:
                out.marks.setdefault("parts", []).append(
                    it["extent"] | {"y": np.full(len(it["extent"]["xm"]), box.top + LANE_PAD + self.row_h / 2)})
            return
        y_row = [box.top + LANE_PAD + k * self.row_h + self.row_h / 2 for k in range(max(box.rows, 1))]
        rows = st.row.tolist()
        lh = self.fm.height()
        m = out.marks.setdefault("parts", [])
        ys = np.array([y_row[r] if r >= 0 else np.nan for r in rows], dtype=np.float64)
        if it["extent"] is not None:  # points whose marker is out of view: only their extent, on the first row
            m.append(it["extent"] | {"y": np.full(len(it["extent"]["xm"]), y_row[0])})
        drawn = ~np.isnan(ys)
        m.append({k: it[k][drawn] for k in ("x0", "x1", "xm", "iv", "shown", "ev", "dim", "fuzzy", "color",
                                             "shape")} | {"y": ys[drawn]})
        for i in np.flatnonzero(drawn & it["shown"]).tolist():
            e, x, y = int(it["ev"][i]), float(it["xm"][i]), float(ys[i])
            out.at.setdefault(e, (x, y))
            a = min(float(it["x0"][i]), x - MARKER_R) - 2
            b = max(float(it["x1"][i]), x + MARKER_R) + 2
            out.hits.append((max(a, -4.0), y - 8, min(b, out.w + 4), y + 8, e))
            w = float(st.label_w[i])
            if w > 0:
                self._label(out, it, i, w, y, float(st.label_x[i]))
        for c in st.clusters:
            y = y_row[c.row]
            members = it["ev"][list(c.members)]
            colors = it["color"][list(c.members)]
            text = f"{len(c.members)} events · {span_text(c.day_lo, c.day_hi)}"
            bw = self.badge_width(len(c.members), c.day_lo, c.day_hi)
            x1 = min(c.right, out.w - 2)  # the text, then a line over the rest of its events' span
            x0 = min(c.left, x1 - bw)
            # events that began before the view: the badge's text at the view's left edge, not off it
            # (the row is the badge's from c.left to c.right, so the text stays inside its room)
            x0 = max(x0, min(2.0, x1 - bw))
            out.badges.append(Badge(x0, y - self.row_h / 2 + 1.5, x1, y + self.row_h / 2 - 1.5, text,
                                    len(c.members), c.day_lo, c.day_hi, lane,
                                    int(np.bincount(colors).argmax()), tuple(members.tolist()), x0 + bw))
            for e, x in zip(members.tolist(), it["xm"][list(c.members)].tolist()):
                out.at.setdefault(int(e), (min(max(x, x0 + 6), x1 - 6), y))

    def _label(self, out: FramePlan, it, i: int, w: float, y: float, x: float | None = None) -> None:
        lh = self.fm.height()
        e = int(it["ev"][i])
        kind = 1 if it["prio"][i] == 3 else (2 if it["tags"][i] else 0)
        x = float(it["lx"][i]) if x is None else x
        lab = Label(x, y - lh / 2, w, e, kind, it["tags"][i],
                    bool(it["inside"][i]) and w >= it["lw"][i] and x == it["lx"][i])
        out.labels.append(lab)
        out.hits.append((lab.x, lab.y, lab.x + lab.w, lab.y + lh, e))

    def _place_thin(self, out: FramePlan, box: Lane, it) -> None:
        """A lane as one strip: every mark on its middle line, only the selected event labelled."""
        if it is None:
            return
        y = box.top + box.height / 2
        if it["extent"] is not None:
            out.marks.setdefault("parts", []).append(it["extent"] | {"y": np.full(len(it["extent"]["xm"]), y)})
        n = len(it["left"])
        out.marks.setdefault("parts", []).append(
            {k: it[k] for k in ("x0", "x1", "xm", "iv", "shown", "ev", "dim", "fuzzy", "color", "shape")}
            | {"y": np.full(n, y)})
        for i in np.flatnonzero(it["shown"]).tolist():
            e, x = int(it["ev"][i]), float(it["xm"][i])
            out.at.setdefault(e, (x, y))
            a = min(float(it["x0"][i]), x - MARKER_R) - 2
            b = max(float(it["x1"][i]), x + MARKER_R) + 2
            out.hits.append((max(a, -4.0), y - 7, min(b, out.w + 4), y + 7, e))
            if it["prio"][i] == 3 and it["lw"][i] > 0:
                self._label(out, it, i, float(it["lw"][i]), y)
