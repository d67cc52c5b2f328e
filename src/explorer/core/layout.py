"""Lane layout for the timeline: which event goes in which lane, as arrays.

Qt-free so it can be tested and benchmarked alone. Rows are sorted by lane,
then start, so the visible rows of a lane are found by binary search.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from .model import Dataset

LANE_MODES = ("party", "category")
_start, _end = attrgetter("date.start"), attrgetter("date.end")
_is_interval = attrgetter("is_interval")


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    color: str


class TimelineLayout:
    def __init__(self, dataset: Dataset, mode: str = "party"):
        if mode not in LANE_MODES:
            raise ValueError(f"lane mode must be one of {LANE_MODES}")
        self.mode = mode
        self.dataset = dataset
        events = dataset.events
        if mode == "party":
            used = {p for e in events for p in e.parties}
            order = dataset.side_ids + [p for p in dataset.parties if p not in dataset.side_ids]
            self.lanes = [Lane(p, dataset.parties[p].name, dataset.parties[p].color) for p in order if p in used]
        else:
            used = {e.category for e in events}
            self.lanes = [Lane(c.id, c.name, c.color) for c in dataset.categories.values() if c.id in used]
        lane_of = {lane.id: i for i, lane in enumerate(self.lanes)}
        idx: list[int] = []
        lanes: list[int] = []
        for i, e in enumerate(events):
            keys = e.parties if mode == "party" else (e.category,)
            for k in keys:
                if k in lane_of:
                    idx.append(i)
                    lanes.append(lane_of[k])
        idx_arr = np.asarray(idx, dtype=np.int64)
        starts = np.fromiter(map(_start, events), dtype=np.float64, count=len(events))[idx_arr]
        ends = np.fromiter(map(_end, events), dtype=np.float64, count=len(events))[idx_arr]
        lane_arr = np.asarray(lanes, dtype=np.int32)
        order = np.lexsort((starts, lane_arr))
        self.event_index = idx_arr[order]
        # per row: drawn as a bar (interval) or a marker, and whether its date is approximate/uncertain
        self.interval = np.fromiter(map(_is_interval, events), dtype=bool, count=len(events))[self.event_index]
        self.fuzzy = np.fromiter((e.date.qualified for e in events), dtype=bool, count=len(events))[self.event_index]
        self.lane = lane_arr[order]
        self.start = starts[order]
        self.end = ends[order]
        self.bounds = np.searchsorted(self.lane, np.arange(len(self.lanes) + 1))
        self.max_len = [
            float((self.end[a:b] - self.start[a:b]).max()) if b > a else 0.0
            for a, b in zip(self.bounds[:-1], self.bounds[1:])
        ]

    def visible(self, lane: int, lo: float, hi: float) -> tuple[int, int]:
        """Row range [a, b) of `lane` whose extent may intersect [lo, hi]."""
        a0, b0 = int(self.bounds[lane]), int(self.bounds[lane + 1])
        s = self.start[a0:b0]
        a = a0 + int(np.searchsorted(s, lo - self.max_len[lane], "left"))
        b = a0 + int(np.searchsorted(s, hi, "right"))
        return a, b

    def rows_of(self, event_index: int) -> np.ndarray:
        return np.nonzero(self.event_index == event_index)[0]
