"""Stacking the marks of one lane into sub-rows, with labels that never overlap, and clusters.

Qt-free and in pixels: the timeline gives, for each visible mark of a lane, where
its mark is, where its label would start and how wide it would be; this says in
which sub-row it goes, how much of its label shows, and which marks become one
cluster badge. It is the `stack` option of vis-timeline, with two more steps for
when the rows run out:

1. Marks go left to right, each into the lowest row that is free where it starts
   (so a row is a run of "mark, label, gap, mark, label…" that never overlaps).
2. When no row is free, the label before it in one row gives way: it is shortened
   (or left out: the mark stays, hovering names it) so the new mark fits there.
3. When even the marks collide in every row, the marks of that stretch of time
   become one badge, "N events", for a calendar cell (a month, a year, a decade…,
   the smallest that resolves the crowding); a click on the badge zooms to them.

Marks of priority 3 (the selected event) and 2 (the events related to it) are
placed first, keep their whole label and are never clustered (a related one
only while the rows allow); priority 0 (events that do not match a search) get
no label and take whatever room is left. The cost is
O(marks × rows) per pass, a few passes at most, and the timeline only stacks a
lane that has at most one mark per dozen pixels (denser lanes are drawn as
density), so a frame's work follows the width of the view, not the event count.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable

import numpy as np

# cells for clusters, in days: day, week, fortnight, month, quarter, half year, year, 2, 5, 10, 20,
# 50, 100 years, and so on by 10: a cluster reads "1941–49", not an arbitrary stretch of pixels
DAY_CELLS = (1.0, 7.0, 14.0, 30.436875, 91.310625, 182.62125) + tuple(
    365.2425 * y for y in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**4, 10**5, 10**6, 10**7, 10**8, 10**9,
                           10**10))


@dataclass(frozen=True)
class Spacing:
    gap: float = 10.0  # px between a label's end and the next mark in a row
    mark_gap: float = 4.0  # px between two marks whose first label gave way
    min_label: float = 64.0  # a label that would be shorter than this is left out ("Japa…" says nothing)


@dataclass(frozen=True)
class Cluster:
    row: int
    left: float  # the badge's extent in px (at least the span of its members)
    right: float
    members: tuple[int, ...]  # indexes into the arrays given to `stack`
    day_lo: float
    day_hi: float


@dataclass
class LaneStack:
    row: np.ndarray  # per mark: its row, -1 when it is in a cluster or could not be shown
    label_w: np.ndarray  # per mark: the width its label may take (0: no label)
    label_x: np.ndarray  # per mark: where its label starts (left of the mark near the right edge)
    clusters: list[Cluster] = field(default_factory=list)
    rows: int = 0  # rows used
    under: np.ndarray | None = None  # per mark: placed without a label where it may overlap others


@dataclass(slots=True)
class _Piece:
    left: float
    right: float  # end of the mark (or badge)
    lx: float  # label start
    lw: float  # label width wanted
    prio: int
    members: list[int]
    day_lo: float
    day_hi: float
    cluster: bool = False
    slide: float = 0.0  # a badge may start this much further right, where a row is free (still over its span)


LEFTOVER_RUN_PX = 60.0  # leftover marks this close together share a badge


def first_cell(px_per_day: float, min_px: float) -> int:
    """Index of the smallest cluster cell at least `min_px` wide."""
    for i, days in enumerate(DAY_CELLS):
        if days * px_per_day >= min_px:
            return i
    return len(DAY_CELLS) - 1


def stack(left, right, label_x, label_w, prio, day, rows: int, *, right_edge: float = math.inf,
          left_edge: float = -math.inf,
          badge_width: Callable[[int, float, float], float] | None = None, first_level: int | None = None,
          spacing: Spacing = Spacing()) -> LaneStack:
    """Rows for the marks of one lane (arrays of the same length, in any order).

    `left`/`right`: the mark's extent (px); `label_x`/`label_w`: where its label starts and
    its full width (0: none); `prio`: 0 to 3 (above); `day`: its date, for clusters;
    `rows`: the rows available (priority marks may add rows); `right_edge`: no label
    reaches past it (one cut short there goes to the left of its mark when a row has room, but
    not past `left_edge`); `badge_width(count, day_lo, day_hi)`: a badge's width, None: no
    clusters (marks that collide everywhere are then left out); `first_level`: the
    first cell of DAY_CELLS to try (see `first_cell`)."""
    left = np.asarray(left, dtype=np.float64)
    n = len(left)
    order = np.argsort(left, kind="stable").tolist()
    L, R = left.tolist(), np.asarray(right, dtype=np.float64).tolist()
    LX, LW = np.asarray(label_x, dtype=np.float64).tolist(), np.asarray(label_w, dtype=np.float64).tolist()
    P, D = np.asarray(prio).tolist(), np.asarray(day, dtype=np.float64).tolist()
    rows = max(int(rows), 1)
    key: list[tuple[int, int, int] | None] = [None] * n
    # a cluster never reaches across a selected or related mark: the marks between two of them
    # (and left of the first, right of the last) are clustered apart
    fixed = sorted(L[i] for i in range(n) if P[i] >= 2)
    seg = [bisect_right(fixed, x) for x in L] if fixed else [0] * n
    ones = [i for i in range(n) if P[i] == 1]  # the marks a cluster may take
    D_ones = np.asarray(D, dtype=np.float64)[ones]
    size = {None: len(ones)}  # marks per key
    made: dict = {}  # the cluster pieces already measured in this call, by their members
    level = level0 = first_level if first_level is not None else 0
    cells_by_level: list[list[float]] = []
    best: tuple[int, list, list] | None = None  # the attempt that left the fewest marks out: its key, its leftovers
    pieces = None
    while True:
        if pieces is None:  # (else the clusters are as in the last attempt: so is its outcome)
            pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge, made)
            placed, allowed, overflow, used = _place(pieces, rows, right_edge, spacing, left_edge)
            left_out = sum(len(pieces[j].members) for j in overflow)
            if best is None or left_out < best[0]:
                best = (left_out, list(key), [pieces[j].members for j in overflow])
        if not overflow or badge_width is None or level >= len(DAY_CELLS):
            break
        cell = DAY_CELLS[level]
        dirty = set()  # the cells (and stretches between fixed marks) where something was left out
        for j in overflow:
            pc = pieces[j]
            cs = range(math.floor(pc.day_lo / cell), math.floor(pc.day_hi / cell) + 1)
            dirty.update(((c, bisect_right(fixed, pc.left)) for c in cs) if fixed else cs)
        if level - level0 >= len(cells_by_level):  # the cells of the marks at this level and the next ones
            cells_by_level += np.floor(D_ones[None, :] / np.asarray(DAY_CELLS[level:level + 6])[:, None]).tolist()
        groups: dict = {}
        for i, c in zip(ones, cells_by_level[level - level0]):
            if (c := (c, seg[i]) if fixed else c) in dirty:
                groups.setdefault(c, []).append(i)
        changed = False
        for c, m in groups.items():
            k = (level, c)
            k0 = key[m[0]]  # (the same pieces as before if they were one already: a lone mark, or a whole cluster)
            if (size[k0] != len(m) if k0 is not None else len(m) > 1) or any(key[i] != k0 for i in m):
                changed = True
            for i in m:
                size[key[i]] -= 1
                key[i] = k
            size[k] = len(m)
        if changed:
            pieces = None
        level += 1
    if overflow and badge_width is not None:
        # the attempt that left the fewest out; its leftovers, run by run, as badges where a row has room
        key = best[1]
        rest = sorted((i for m in best[2] for i in m if P[i] == 1), key=lambda i: L[i])
        run = 0
        for a, b in zip(rest, rest[1:]):
            if L[b] - R[a] > LEFTOVER_RUN_PX or bisect_right(fixed, L[a]) != bisect_right(fixed, L[b]):
                run += 1
            key[a] = key[b] = (-1, run, 0)
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge, made)
        placed, allowed, overflow, used = _place(pieces, rows, right_edge, spacing, left_edge)
    if overflow:  # what found no row even as a badge is still drawn: a mark without label, under the others
        P = list(P)
        for j in overflow:
            for i in pieces[j].members:
                P[i], key[i] = 0, None
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge, made)
        placed, allowed, overflow, used = _place(pieces, rows, right_edge, spacing, left_edge)
    out = LaneStack(np.full(n, -1, dtype=np.int32), np.zeros(n), np.asarray(LX, dtype=np.float64), [], used,
                    np.asarray(P, dtype=np.int64) == 0)
    for j, pc in enumerate(pieces):
        k = placed[j]
        if k < 0:
            continue
        if pc.cluster:
            out.clusters.append(Cluster(k, pc.left, pc.right, tuple(pc.members), pc.day_lo, pc.day_hi))
        else:
            i = pc.members[0]
            out.row[i] = k
            out.label_w[i] = allowed[j]
            out.label_x[i] = pc.lx
    return out


def _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge=math.inf, made=None) -> list[_Piece]:
    """The marks and badges to place, by start; `made`: badges' extents, kept from call to call."""
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i in order:
        k = key[i]
        if k is not None:
            g = groups.get(k)
            if g is None:
                groups[k] = [i]
            else:
                g.append(i)
    if made is None:
        made = {}
    pieces = []
    for i in order:
        k = key[i]
        m = groups.get(k) if k is not None else None
        if m is None or len(m) == 1:
            pieces.append(_Piece(L[i], R[i], LX[i], LW[i], P[i], [i], D[i], D[i]))
        elif m[0] == i:  # (a badge goes where its first member is)
            t = tuple(m)
            got = made.get(t)
            if got is None:
                got = made[t] = _badge(m, L, R, D, badge_width, right_edge)
            a, b, lo, hi, slide = got
            pieces.append(_Piece(a, b, b, 0.0, 1, m, lo, hi, True, slide))
    pieces.sort(key=attrgetter("left"))  # (stable: marks with the same start keep their order)
    return pieces


def _badge(m, L, R, D, badge_width, right_edge) -> tuple[float, float, float, float, float]:
    """A badge's extent for the marks `m`: (left, right, first day, last day, slide)."""
    ds = [D[j] for j in m]
    ls = [L[j] for j in m]
    lo, hi = min(ds), max(ds)
    a = min(ls)
    bw = badge_width(len(m), lo, hi)
    r_max = max([R[j] for j in m])
    b = max(r_max, a + bw)
    if b > right_edge:  # a badge stays whole in the view: its pill ends at the edge (its line may go on)
        b = max(right_edge, r_max)
        a = min(a, right_edge - bw)  # (its room starts where the pill is drawn: b - bw was right of it)
    slide = max(0.0, min(max(ls), right_edge - bw) - a)
    return a, b, lo, hi, slide


def _place(pieces: list[_Piece], rows: int, right_edge: float, sp: Spacing, left_edge: float = -math.inf):
    """One greedy pass: (row per piece, label width per piece, pieces that found no row, rows used)."""
    gap, mark_gap, min_label = sp.gap, sp.mark_gap, sp.min_label
    n = len(pieces)
    placed = [-1] * n
    allowed = [0.0] * n
    reserved: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
    # 1. priority marks first, whole labels, each in the lowest row where it overlaps no other: the
    # selected event (3) may add a row; a related one (2) takes one of the first half of the rows
    # (the others need rows for their marks and badges too), else it goes with them
    first = [j for j, pc in enumerate(pieces) if pc.prio >= 2]
    for want in (3, 2) if first else ():
        for j in first:
            pc = pieces[j]
            if pc.prio != want:
                continue
            a = min(pc.left, pc.lx) if pc.lw > 0 else pc.left
            b = max(pc.right, pc.lx + pc.lw)
            usable = reserved if want == 3 else reserved[:rows // 2]
            k = next((k for k, res in enumerate(usable) if not _hits(res, a, b, gap)), None)
            if k is None and want == 3:
                reserved.append([])
                k = len(reserved) - 1
            if k is None:
                pc.prio = 1
                if pc.lx < pc.left:  # its label was put on the left for a reserved row: back to the right
                    pc.lx = pc.right + 4
                continue
            reserved[k].append((a, b))
            placed[j], allowed[j] = k, pc.lw
    n_rows = len(reserved)
    any_reserved = any(reserved)
    ends = [-math.inf] * n_rows  # where each row is taken up to
    last = [-1] * n_rows  # the piece that ends each row (its label may give way)
    # where the mark ending each row ends, plus `mark_gap` (inf: none that can give way), kept with `last`
    # so a piece finds the rows that may give way without looking at every piece (the same sums)
    last_end = [math.inf] * n_rows
    spans: list[list[tuple[float, float]]] = [[] for _ in range(n_rows)]
    overflow = []

    def room(k: int, pc: _Piece) -> float:
        if pc.lw <= 0:
            return 0.0
        limit = right_edge
        for ra, rb in reserved[k] if any_reserved else ():
            if rb + gap <= pc.lx:
                continue  # wholly to the left
            if ra - gap <= pc.lx:
                return 0.0  # the label would start inside it
            limit = min(limit, ra - gap)
        w = min(pc.lw, limit - pc.lx)
        return w if w >= min_label else 0.0

    # 2. the others left to right
    unlabelled = []
    for j, pc in enumerate(pieces):
        if pc.prio != 1:
            if pc.prio == 0:
                unlabelled.append(j)
            continue
        best, best_room = -1, -1.0
        if not any_reserved:  # (every row leaves the label the same room: the first free row)
            # (min(ends) + gap > left exactly when every row's ends[k] + gap is: adding is monotonic)
            for k in range(n_rows) if n_rows and min(ends) + gap <= pc.left else ():
                if ends[k] + gap <= pc.left:
                    r = min(pc.lw, right_edge - pc.lx) if pc.lw > 0 else 0.0
                    best, best_room = k, (r if r >= min_label else 0.0)
                    break
        else:
            for k in range(n_rows):
                if ends[k] + gap > pc.left or _hits(reserved[k], pc.left, pc.right, gap):
                    continue
                r = room(k, pc)
                if r >= pc.lw:
                    best, best_room = k, r
                    break
                if r > best_room:
                    best, best_room = k, r
        if best < 0:  # no free row: the label ending a row gives way, where the marks do not collide
            give = -1.0
            for k in range(n_rows) if n_rows and min(last_end) <= pc.left else ():
                if last_end[k] > pc.left:  # (no piece, a badge, or marks that collide)
                    continue
                q = last[k]
                if any_reserved and _hits(reserved[k], pc.left, pc.right, gap):
                    continue
                rest = pc.left - gap - pieces[q].lx
                rest = rest if rest >= min_label else 0.0
                if rest > give:
                    best, give = k, rest
            if best >= 0:
                q = last[best]
                allowed[q] = min(allowed[q], give)
                ends[best] = max(pieces[q].right, pieces[q].lx + allowed[q]) if allowed[q] else pieces[q].right
                spans[best][-1] = (spans[best][-1][0], ends[best])
                best_room = room(best, pc)
        if best < 0 and pc.cluster and pc.slide > 0:  # a badge slides right to the first free room
            bw = pc.right - pc.left
            start, k = min(((max(pc.left, ends[k] + gap), k) for k in range(n_rows)), default=(math.inf, -1))
            if start <= pc.left + pc.slide and not _hits(reserved[k], start, start + bw, gap):
                pc.left, pc.right, pc.lx = start, start + bw, start + bw
                best, best_room = k, 0.0
        if best_room < pc.lw and not pc.cluster:
            # cut short by the view's right edge: the whole label to the left of the mark, if a row is free there
            fl = pc.left - 4 - pc.lw
            if fl >= left_edge and pc.lx + pc.lw > right_edge:
                k = next((k for k in range(n_rows) if ends[k] + gap <= fl
                          and not _hits(reserved[k], fl, pc.right, gap)), -1)
                if k >= 0:
                    pc.lx = fl
                    placed[j], allowed[j] = k, pc.lw
                    ends[k] = pc.right
                    last[k] = -1  # a label on the left never gives way to the next mark
                    last_end[k] = math.inf
                    spans[k].append((fl, pc.right))
                    continue
        if best < 0:
            overflow.append(j)
            continue
        placed[j], allowed[j] = best, best_room
        ends[best] = max(pc.right, pc.lx + best_room) if best_room else pc.right
        last[best] = j
        last_end[best] = math.inf if pc.cluster else pc.right + mark_gap
        spans[best].append((pc.left, ends[best]))
    used = max((k + 1 for k in placed if k >= 0), default=0)
    # 3. the rest (no label): wherever the mark overlaps nothing, else the first row, under the others
    starts = [[a for a, _b in s] for s in spans] if unlabelled else []
    for j in unlabelled:
        pc = pieces[j]
        k = next((k for k in range(min(max(used, 1), n_rows)) if not _hits_sorted(spans[k], starts[k], pc.left, pc.right)
                  and not _hits(reserved[k], pc.left, pc.right, 1.0)), 0)
        placed[j] = k
    return placed, allowed, overflow, max(used, 1 if n else 0)


def _hits_sorted(spans: list[tuple[float, float]], starts: list[float], a: float, b: float) -> bool:
    """`_hits` for spans sorted by start that do not overlap each other (one row's)."""
    i = bisect_right(starts, b)
    return i > 0 and spans[i - 1][1] >= a


def _hits(spans: list[tuple[float, float]], a: float, b: float, gap: float) -> bool:
    return any(ra < b + gap and rb + gap > a for ra, rb in spans)
