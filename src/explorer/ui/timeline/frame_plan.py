"""The frame's plan as data: lanes, labels, badges, marks, ticks, in pixels (made by planner.py),
and the two steps of making it that need nothing but the plan: ticks, and the marks as arrays."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ...core.dates import MONTHS_SHORT, civil_from_days, year_label
from .marker_painter import MARKER_R

LANE_PAD = 4  # above and below a lane's rows (the other parties' ticks live there)
MAX_TICK_DETAIL = 400  # ticks in a lane beyond which they get no join line and no hover box


@dataclass
class Lane:
    top: float
    height: float
    density: bool = False
    rows: int = 0
    thin: bool = False  # one strip: marks without labels (but the selected event's)


@dataclass
class Label:
    x: float
    y: float  # top
    w: float
    event: int
    kind: int = 0  # 0 an event's title, 1 the selected event's, 2 a related event's (with `tag`)
    tag: str = ""
    inside: bool = False  # over its bar


@dataclass
class Badge:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    count: int
    day_lo: float
    day_hi: float
    lane: int
    color: int
    events: tuple[int, ...] = ()
    pill: float = 0.0  # the text's box ends here; a line runs on to x1 over the rest of the events' span


@dataclass
class FramePlan:
    lo: float
    hi: float
    w: float
    h: float
    sx: float
    row_h: float
    lanes: list[Lane] = field(default_factory=list)
    band: list[tuple[float, float]] = field(default_factory=list)  # (top, height) per stance row
    marks: dict = field(default_factory=dict)  # arrays, one entry per drawn mark (see _marks)
    labels: list[Label] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    ticks: list[tuple[np.ndarray, ...]] = field(default_factory=list)  # per lane: arrays x, y0, y1, colour
    links: list[tuple[float, float, float]] = field(default_factory=list)  # x, y0, y1
    density: list[tuple[int, float, float, np.ndarray]] = field(default_factory=list)  # lane, top, height, starts
    at: dict[int, tuple[float, float]] = field(default_factory=dict)  # event -> its mark's centre
    hits: list[tuple[float, float, float, float, int]] = field(default_factory=list)



def span_text(lo: float, hi: float) -> str:
    """A cluster's dates, short: '1941–49', 'Feb–Sep 1945', 'Aug 1945', '18–23 Aug 1945'."""
    y0, m0, d0 = civil_from_days(int(math.floor(lo)))
    y1, m1, d1 = civil_from_days(int(math.floor(hi)))
    if y0 != y1:
        if y0 > 0 and y1 > 0 and y0 // 100 == y1 // 100:
            return f"{y0}–{y1 % 100:02d}"
        return f"{year_label(y0)}–{year_label(y1)}"
    if m0 != m1:
        return f"{MONTHS_SHORT[m0 - 1]}–{MONTHS_SHORT[m1 - 1]} {year_label(y0)}"
    if d0 != d1:
        return f"{d0}–{d1} {MONTHS_SHORT[m0 - 1]} {year_label(y0)}"
    return f"{d0} {MONTHS_SHORT[m0 - 1]} {year_label(y0)}"


def add_ticks(out: FramePlan, lay, lane: int, idx, dimmed) -> None:
    """Light ticks where an event's other parties have their lane (on the edge facing its mark),
    each joined to its mark by a thin line; in numpy, and without joins or hover boxes when
    there are hundreds (they would only be a grey wash then)."""
    q = idx[~lay.primary[idx]]
    if not len(q):
        return
    box = out.lanes[lane]
    ev = lay.event_index[q]
    xs = np.where(lay.interval[q], lay.start[q], (lay.start[q] + lay.end[q]) / 2)
    xs = (xs - out.lo) * out.sx
    ok = (xs >= 0) & (xs <= out.w)
    if dimmed is not None:
        ok &= ~dimmed[ev]  # a search: only the matches say who took part
    xs, ev, colors = xs[ok], ev[ok], lay.color[q][ok]
    above = lay.lane[lay.mark_row[ev]] < lane  # the mark is above: the tick on this lane's top edge
    y0 = np.where(above, box.top + 1, box.top + box.height - LANE_PAD - 3)
    y1 = np.where(above, box.top + LANE_PAD + 3, box.top + box.height - 1)
    if len(xs):
        out.ticks.append((xs, y0, y1, colors))
    if len(xs) > MAX_TICK_DETAIL:
        return
    for x, e, a, b, up in zip(xs.tolist(), ev.tolist(), y0.tolist(), y1.tolist(), above.tolist()):
        out.hits.append((x - 3, a - 1, x + 3, b + 1, e))
        mark = out.at.get(e)
        if mark is not None:
            out.links.append((x, mark[1] + (MARKER_R if up else -MARKER_R), a if up else b))


def finish_marks(out: FramePlan) -> None:
    parts = out.marks.pop("parts", [])
    keys = ("x0", "x1", "xm", "iv", "shown", "ev", "dim", "fuzzy", "color", "shape", "y")
    if parts:
        out.marks = {k: np.concatenate([p[k] for p in parts]) for k in keys}
    else:
        out.marks = {}
