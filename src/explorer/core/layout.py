"""Lane layout for the timeline: which event goes in which lane, as arrays.

Qt-free so it can be tested and benchmarked alone. Rows are sorted by lane,
then start, so the visible rows of a lane are found by binary search.

One mark per event. In party lanes an event with several parties is drawn
(and labelled) once, in the lane of its *first* party: a dataset lists the
party that acted first ("Russia, Japan" for the Soviet declaration of war,
"Japan, Russia" for Japan's protest), so the mark sits with the actor and the
two sides' lanes keep their own events. Its other parties get a row too, as a
light tick in their lanes (`primary` is False for those rows), joined to the
mark by a thin line: who took part stays visible without repeating the event.
A shared "several parties" lane was the alternative; it would put 60 of the
bundled dataset's 94 events in one lane and empty the two sides' lanes.

When a dataset declares its sides, each side has a lane and the other parties
share one, "Other parties" (their colours tell them apart): in the bundled
dataset six third parties hold ten events between them, and eight lanes of
which six are nearly empty left the two sides a third of the height. In the
same way the rarest categories (a tenth of the events between them at most)
share "Other categories" in category lanes; their shapes tell them apart.

Colour and shape mean the same in both lane modes: colour is the event's first
party (the category when the dataset has no parties), shape is its category.
So a red mark is Japan's in every view, and a category colour never shares a
hue with a party colour on the timeline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from .model import Dataset

LANE_MODES = ("party", "category")
NO_PARTY = ""  # the lane of events without a (known) party, in party mode
OTHERS = "*others"  # the lane shared by the parties that are not sides of the dispute
OTHER_CATEGORIES = "*other-categories"  # the lane shared by the rarest categories
RARE_SHARE = 0.10  # categories holding this share of the events between them, at most, share a lane
# marker shapes, most distinct first: the most frequent categories get the plainest ones
SHAPES = ("circle", "square", "diamond", "triangle", "triangle-down", "star", "plus", "cross", "hexagon",
          "pentagon")
OTHER_SHAPE = len(SHAPES)  # categories beyond the shapes share a small dot ("other")
NEUTRAL = "#7f8793"
_start, _end = attrgetter("date.start"), attrgetter("date.end")
_is_interval = attrgetter("is_interval")


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    color: str


@dataclass(frozen=True)
class Key:
    """One entry of the legend: what a colour or a shape means."""
    id: str
    name: str
    color: str = ""
    shape: int = 0


class TimelineLayout:
    def __init__(self, dataset: Dataset, mode: str = "party"):
        if mode not in LANE_MODES:
            raise ValueError(f"lane mode must be one of {LANE_MODES}")
        self.mode = mode
        self.dataset = dataset
        events = dataset.events
        order = dataset.side_ids + [p for p in dataset.parties if p not in dataset.side_ids]
        party_rank = {p: i for i, p in enumerate(order) if p in dataset.parties}
        used_parties = [p for p in order if any(p in e.parties for e in events)] if events else []
        # colour: the first party, or the category for a dataset without parties
        self.color_by = "party" if used_parties else "category"
        if self.color_by == "party":
            self.colors = [Key(p, dataset.parties[p].name, dataset.parties[p].color) for p in used_parties]
            if any(not self._parties(e, party_rank) for e in events):
                self.colors.append(Key(NO_PARTY, "No party", NEUTRAL))
        else:
            self.colors = [Key(c.id, c.name, c.color) for c in dataset.categories.values()
                           if any(e.category == c.id for e in events)]
        color_of = {k.id: i for i, k in enumerate(self.colors)}
        # shape: the category, plainest shapes for the most frequent
        counts = Counter(e.category for e in events)
        cats = [c for c in dataset.categories.values() if counts[c.id]]
        cats.sort(key=lambda c: -counts[c.id])  # stable: ties keep the dataset's order
        self.shapes = [Key(c.id, c.name, c.color, min(i, OTHER_SHAPE)) for i, c in enumerate(cats)]
        shape_of = {k.id: k.shape for k in self.shapes}

        lane_key = {p: p for p in used_parties}
        if mode == "party":
            others = [p for p in used_parties if p not in dataset.sides] if dataset.sides else []
            if len(others) >= 2:
                lane_key.update({p: OTHERS for p in others})
            self.lanes = [Lane(p, dataset.parties[p].name, dataset.parties[p].color)
                          for p in used_parties if lane_key[p] == p]
            if len(others) >= 2:
                self.lanes.append(Lane(OTHERS, "Other parties", NEUTRAL))
            if any(not self._parties(e, party_rank) for e in events):
                self.lanes.append(Lane(NO_PARTY, "No party", NEUTRAL))
        else:
            rare = self._rare(cats, counts, len(events))
            lane_key.update({c: OTHER_CATEGORIES if c in rare else c for c in counts})
            self.lanes = [Lane(c.id, c.name, c.color) for c in dataset.categories.values()
                          if counts[c.id] and c.id not in rare]
            if rare:
                self.lanes.append(Lane(OTHER_CATEGORIES, "Other categories", NEUTRAL))
        lane_of = {lane.id: i for i, lane in enumerate(self.lanes)}
        lane_of.update({p: lane_of[k] for p, k in lane_key.items() if k in lane_of})
        idx: list[int] = []
        lanes: list[int] = []
        primary: list[bool] = []
        ev_color = np.zeros(len(events), dtype=np.int32)
        ev_shape = np.zeros(len(events), dtype=np.int32)
        for i, e in enumerate(events):
            parties = self._parties(e, party_rank)
            ev_color[i] = color_of.get(parties[0] if parties else NO_PARTY, 0) if self.color_by == "party" \
                else color_of.get(e.category, 0)
            ev_shape[i] = shape_of.get(e.category, OTHER_SHAPE)
            keys = (parties or [NO_PARTY]) if mode == "party" else [e.category]
            seen = set()
            for k in keys:
                ln = lane_of.get(k)
                if ln is not None and ln not in seen:  # two other parties: one tick in their shared lane
                    seen.add(ln)
                    idx.append(i)
                    lanes.append(ln)
                    primary.append(len(seen) == 1)
        idx_arr = np.asarray(idx, dtype=np.int64)
        starts = np.fromiter(map(_start, events), dtype=np.float64, count=len(events))[idx_arr]
        ends = np.fromiter(map(_end, events), dtype=np.float64, count=len(events))[idx_arr]
        lane_arr = np.asarray(lanes, dtype=np.int32)
        order = np.lexsort((starts, lane_arr))
        self.event_index = idx_arr[order]
        # per row: drawn as a bar (interval) or a marker, and whether its date is approximate/uncertain
        self.interval = np.fromiter(map(_is_interval, events), dtype=bool, count=len(events))[self.event_index]
        self.fuzzy = np.fromiter((e.date.qualified for e in events), dtype=bool, count=len(events))[self.event_index]
        self.primary = np.asarray(primary, dtype=bool)[order]
        self.color = ev_color[self.event_index]
        self.shape = ev_shape[self.event_index]
        self.lane = lane_arr[order]
        self.start = starts[order]
        self.end = ends[order]
        self.bounds = np.searchsorted(self.lane, np.arange(len(self.lanes) + 1))
        # primary rows before each row: the marks of a range of rows are counted without a pass over them
        self.primary_before = np.concatenate(([0], np.cumsum(self.primary)))
        self.max_len = [
            float((self.end[a:b] - self.start[a:b]).max()) if b > a else 0.0
            for a, b in zip(self.bounds[:-1], self.bounds[1:])
        ]
        # per event: its row in its mark's lane (-1: in no lane)
        self.mark_row = np.full(len(events), -1, dtype=np.int64)
        prim = np.flatnonzero(self.primary)
        self.mark_row[self.event_index[prim]] = prim

    @staticmethod
    def _rare(cats, counts: Counter, n: int) -> set[str]:
        """The rarest categories, if two or more hold RARE_SHARE of the events at most between them."""
        rare, total = [], 0
        for c in reversed(cats):  # `cats` runs from the most frequent
            if total + counts[c.id] > RARE_SHARE * n:
                break
            rare.append(c.id)
            total += counts[c.id]
        return set(rare) if len(rare) >= 2 else set()

    @staticmethod
    def _parties(event, party_rank: dict[str, int]) -> list[str]:
        """The event's parties known to the dataset, in the event's own order (the first acted)."""
        return [p for p in event.parties if p in party_rank]

    def visible(self, lane: int, lo: float, hi: float) -> tuple[int, int]:
        """Row range [a, b) of `lane` whose extent may intersect [lo, hi]."""
        a0, b0 = int(self.bounds[lane]), int(self.bounds[lane + 1])
        s = self.start[a0:b0]
        a = a0 + int(np.searchsorted(s, lo - self.max_len[lane], "left"))
        b = a0 + int(np.searchsorted(s, hi, "right"))
        return a, b

    def marks_between(self, a: int, b: int) -> int:
        """How many of rows [a, b) are marks (not ticks)."""
        return int(self.primary_before[b] - self.primary_before[a])

    def rows_of(self, event_index: int) -> np.ndarray:
        return np.nonzero(self.event_index == event_index)[0]

    def lane_of_event(self, event_index: int) -> int:
        """The lane holding the event's mark, -1 when it has none."""
        r = int(self.mark_row[event_index]) if 0 <= event_index < len(self.mark_row) else -1
        return int(self.lane[r]) if r >= 0 else -1
