"""The stacking of core/stacking.py as it was before it was made faster (commit 376f4c5): the
reference the differential test (test_stacking_same.py) compares the current `stack` with.
Do not change it: it is what "the same layout" means. (Changed only where the layout itself was
fixed, in both files at once, with a note at the change.)"""

from __future__ import annotations

import math
from bisect import bisect_right
from typing import Callable

import numpy as np

from dataclasses import dataclass

from explorer.core.stacking import DAY_CELLS, LEFTOVER_RUN_PX, Cluster, LaneStack, Spacing


@dataclass
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
    slide: float = 0.0

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
    level = first_level if first_level is not None else 0
    best: tuple[int, list] | None = None  # the attempt that left the fewest marks out, and its clusters
    while True:
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge)
        placed, allowed, overflow, used = _place(pieces, rows, right_edge, spacing, left_edge)
        left_out = sum(len(pieces[j].members) for j in overflow)
        if best is None or left_out < best[0]:
            best = (left_out, list(key))
        if not overflow or badge_width is None or level >= len(DAY_CELLS):
            break
        cell = DAY_CELLS[level]
        dirty = set()
        for j in overflow:
            pc = pieces[j]
            seg = bisect_right(fixed, pc.left)
            dirty.update((c, seg) for c in range(math.floor(pc.day_lo / cell), math.floor(pc.day_hi / cell) + 1))
        for i in range(n):
            c = (math.floor(D[i] / cell), bisect_right(fixed, L[i]))
            if P[i] == 1 and c in dirty:
                key[i] = (level, *c)
        level += 1
    if overflow and badge_width is not None:
        # the attempt that left the fewest out; its leftovers, run by run, as badges where a row has room
        key = best[1]
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge)
        overflow = _place(pieces, rows, right_edge, spacing, left_edge)[2]
        rest = sorted((i for j in overflow for i in pieces[j].members if P[i] == 1), key=lambda i: L[i])
        run = 0
        for a, b in zip(rest, rest[1:]):
            if L[b] - R[a] > LEFTOVER_RUN_PX or bisect_right(fixed, L[a]) != bisect_right(fixed, L[b]):
                run += 1
            key[a] = key[b] = (-1, run, 0)
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge)
        placed, allowed, overflow, used = _place(pieces, rows, right_edge, spacing, left_edge)
    if overflow:  # what found no row even as a badge is still drawn: a mark without label, under the others
        P = list(P)
        for j in overflow:
            for i in pieces[j].members:
                P[i], key[i] = 0, None
        pieces = _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge)
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


def _pieces(order, L, R, LX, LW, P, D, key, badge_width, right_edge=math.inf) -> list[_Piece]:
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i in order:
        if key[i] is not None:
            groups.setdefault(key[i], []).append(i)
    pieces = []
    done = set()
    for i in order:
        k = key[i]
        if k is None or len(groups[k]) == 1:
            pieces.append(_Piece(L[i], R[i], LX[i], LW[i], P[i], [i], D[i], D[i]))
        elif k not in done:
            done.add(k)
            m = groups[k]
            lo, hi = min(D[j] for j in m), max(D[j] for j in m)
            a = min(L[j] for j in m)
            bw = badge_width(len(m), lo, hi)
            b = max(max(R[j] for j in m), a + bw)
            if b > right_edge:  # a badge stays whole in the view: it ends at the edge
                b = max(right_edge, max(R[j] for j in m))
                a = min(a, right_edge - bw)  # session 6, a layout fix made in both: was b - bw, right of the drawn pill
            slide = max(0.0, min(max(L[j] for j in m), right_edge - bw) - a)
            pieces.append(_Piece(a, b, b, 0.0, 1, m, lo, hi, True, slide))
    pieces.sort(key=lambda pc: pc.left)  # (stable: marks with the same start keep their order)
    return pieces


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
    for want in (3, 2):
        for j, pc in enumerate(pieces):
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
    for j, pc in enumerate(pieces):
        if pc.prio != 1:
            continue
        best, best_room = -1, -1.0
        for k in range(n_rows):
            if ends[k] + gap > pc.left or (any_reserved and _hits(reserved[k], pc.left, pc.right, gap)):
                continue
            r = room(k, pc)
            if r >= pc.lw:
                best, best_room = k, r
                break
            if r > best_room:
                best, best_room = k, r
        if best < 0:  # no free row: the label ending a row gives way, where the marks do not collide
            give = -1.0
            for k in range(n_rows):
                q = last[k]
                if q < 0 or pieces[q].cluster or pieces[q].right + mark_gap > pc.left:
                    continue
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
                    spans[k].append((fl, pc.right))
                    continue
        if best < 0:
            overflow.append(j)
            continue
        placed[j], allowed[j] = best, best_room
        ends[best] = max(pc.right, pc.lx + best_room) if best_room else pc.right
        last[best] = j
        spans[best].append((pc.left, ends[best]))
    used = max((k + 1 for k in placed if k >= 0), default=0)
    # 3. the rest (no label): wherever the mark overlaps nothing, else the first row, under the others
    starts = [[a for a, _b in s] for s in spans]
    for j, pc in enumerate(pieces):
        if pc.prio != 0:
            continue
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
