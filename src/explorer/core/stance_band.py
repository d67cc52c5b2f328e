"""The stance band under the timeline: each side's stances as segments in time, with level of detail.

Qt-free. One row per side of the dispute (`dataset.side_ids` that have
stances); each stance is a segment from its `since` to its `until`, or to the
next stance of that side, or open-ended. Segments are sorted, so the visible
ones are found by binary search; when many are narrower than a few pixels
(a dataset may have hundreds of stances), runs of them are merged into one
piece that says how many changes it holds, so a frame's cost follows the
width of the view, not the number of stances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .model import Dataset, Position

OPEN_END = math.inf


@dataclass(frozen=True)
class Piece:
    start: float  # day
    end: float  # day (inf: still in force)
    first: int  # index of its first stance in the side's list
    last: int  # and of its last (first == last: one stance)

    @property
    def merged(self) -> bool:
        return self.last > self.first


class StanceBand:
    def __init__(self, ds: Dataset):
        self.dataset = ds
        self.sides: list[str] = []
        self.names: list[str] = []
        self.stances: list[list[Position]] = []
        self.starts: list[np.ndarray] = []
        self.ends: list[np.ndarray] = []
        for pid in ds.side_ids:
            if pid not in ds.parties:
                continue
            stances = sorted(ds.stances_of(pid), key=lambda p: p.since.start)
            if not stances:
                continue
            starts = np.array([p.since.start for p in stances], dtype=np.float64)
            ends = np.empty(len(stances))
            for i, p in enumerate(stances):
                nxt = starts[i + 1] if i + 1 < len(stances) else OPEN_END
                ends[i] = min(p.until.start, nxt) if p.until is not None else nxt
            ends = np.maximum(ends, starts)  # an `until` before `since` is a data error: a point, not a hole
            ends = np.maximum.accumulate(ends)  # never overlapping backwards: ends stay sorted too
            self.sides.append(pid)
            self.names.append(ds.parties[pid].name)
            self.stances.append(stances)
            self.starts.append(starts)
            self.ends.append(ends)

    def __len__(self) -> int:
        return len(self.sides)

    def visible(self, side: int, lo: float, hi: float) -> tuple[int, int]:
        """Stances [a, b) of a side that may meet [lo, hi]."""
        a = int(np.searchsorted(self.ends[side], lo, "right"))
        b = int(np.searchsorted(self.starts[side], hi, "right"))
        return a, max(a, b)

    def at(self, side: int, day: float) -> int:
        """The stance of a side in force on `day`, -1 for none."""
        i = int(np.searchsorted(self.starts[side], day, "right")) - 1
        return i if i >= 0 and day < self.ends[side][i] else -1

    def pieces(self, side: int, lo: float, hi: float, px_per_day: float, min_px: float = 4.0) -> list[Piece]:
        """The visible stances of a side; runs of ones narrower than `min_px` merged into one piece."""
        a, b = self.visible(side, lo, hi)
        starts, ends = self.starts[side], self.ends[side]
        out: list[Piece] = []
        if b - a > 4 * max(int((hi - lo) * px_per_day / min_px), 1):
            # hundreds in view: one pass in numpy finds the narrow runs
            return self._merged(side, a, b, px_per_day, min_px)
        i = a
        while i < b:
            j = i
            if (ends[i] - starts[i]) * px_per_day < min_px:
                while j + 1 < b and (ends[j + 1] - starts[j + 1]) * px_per_day < min_px \
                        and (ends[j + 1] - starts[i]) * px_per_day < 3 * min_px:
                    j += 1
            out.append(Piece(float(starts[i]), float(ends[j]), i, j))
            i = j + 1
        return out

    def _merged(self, side: int, a: int, b: int, px_per_day: float, min_px: float) -> list[Piece]:
        starts, ends = self.starts[side][a:b], self.ends[side][a:b]
        cell = np.floor(starts * px_per_day / (3 * min_px))
        cuts = np.flatnonzero(np.diff(cell)) + 1
        firsts = np.concatenate(([0], cuts))
        lasts = np.concatenate((cuts - 1, [len(starts) - 1]))
        return [Piece(float(starts[f]), float(ends[g]), a + int(f), a + int(g)) for f, g in zip(firsts, lasts)]

    def stance(self, side: int, i: int) -> Position:
        return self.stances[side][i]


def short_stance(text: str, limit: int = 90) -> str:
    """The first clause of a stance, for a segment's label (the whole stance is in its tooltip)."""
    text = " ".join(text.split())
    for sep in (". ", "; ", ": ", " — ", " – "):
        k = text.find(sep)
        if 12 <= k < limit:
            return text[:k]
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
