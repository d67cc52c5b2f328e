"""What one file gives (`Part`), what the checks across files gave (`Manifest`), and the dataset built from them.

A load builds each file alone into a `Part` (`parse.parse_part`), keeps it in
the load cache under the file's content key, and merges the parts
(`merge.merge`): a dataset of 101 files of which one was edited parses one
file. Re-opening an unchanged dataset reads its parts and its manifest and
runs no check at all (`assemble`). This module is what such a re-open
imports: no parser, no schema checker.
"""

from __future__ import annotations

import sys
from array import array
from itertools import groupby
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from .. import model as m
from ..problems import Problem
from .files import DatasetFiles, LoadResult


@dataclass
class Part:
    """One dataset file built alone: its records with their key paths, and its own problems."""

    rel: str
    key: str = ""  # the load cache key of the bytes it was built from ("" when not known)
    problems: list[Problem] = field(default_factory=list)  # lines already resolved
    meta: dict | None = None  # the checked [dataset] table
    parties: list[tuple[m.Party, tuple]] = field(default_factory=list)
    categories: list[tuple[m.Category, tuple]] = field(default_factory=list)
    places: list[tuple[m.Place, tuple]] = field(default_factory=list)
    eras: list[m.Era] = field(default_factory=list)
    events: list[m.Event] = field(default_factory=list)  # sorted as in the dataset: start, end, id
    rows: array = field(default_factory=lambda: array("I"))  # n of each event's key path ("event", n)
    starts: array = field(default_factory=lambda: array("q"))  # each event's start and end (day numbers)
    ends: array = field(default_factory=lambda: array("q"))
    positions: list[tuple[m.Position, tuple]] = field(default_factory=list)
    stories: list[tuple[m.Story, tuple]] = field(default_factory=list)
    # the map tables as plain data (map table or None, map seen, regions, controls, boundaries):
    # `geo_load.Tables` would import the schema checker on a cache hit
    geo: tuple | None = None
    # what the events refer to: categories, parties, places, related ids, relation kinds
    refs: tuple[frozenset, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def event_keys(self):
        """(event, key path) in file order (the order a serial load checks them in)."""
        return ((ev, ("event", n)) for n, ev in sorted(zip(self.rows, self.events), key=_first))


@dataclass
class Manifest:
    """The outcome of the checks across files for one combination of parts."""

    problems: list[Problem]  # all of the dataset's problems, sorted, lines resolved
    geo: object | None = None  # core.geo.Geo
    order: array | None = None  # the dataset's events as indexes into the parts' events, one after another


def sorted_events(parts: list[Part], order: array | None = None) -> tuple[list[m.Event], array | None]:
    """All events in dataset order, and that order as indexes into the parts' events one after
    another (`order` when known; None when there is one part, sorted already)."""
    if len(parts) == 1 and order is None:
        return list(parts[0].events), None
    events = [e for p in parts for e in p.events]
    if order is None:
        order = event_order(events, parts)
    return list(map(events.__getitem__, order)), order


def event_order(events: list[m.Event], parts: list[Part] | None = None) -> array:
    """The order of `events` by start, end and id, as `Dataset.finish` sorts them.

    Sorts day numbers (with numpy if the process has it already, else one integer
    key per event), then by id only the events that tie on both. `parts`, if
    given, hold `events` one after another with their day numbers."""
    n = len(events)
    if n < (2000 if "numpy" in sys.modules else 20000):
        return array("I", sorted(range(n), key=lambda i: _key(events[i])))
    if parts is not None:
        starts = [x for p in parts for x in p.starts]
        ends = [x for p in parts for x in p.ends]
    else:
        starts, ends = [e.date.start for e in events], [e.date.end for e in events]
    ids = list(map(_event_id, events))
    if "numpy" in sys.modules:
        import numpy as np

        s, e = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        order = np.lexsort((e, s))
        s, e = s[order], e[order]
        tie = np.diff(np.concatenate(([False], (s[1:] == s[:-1]) & (e[1:] == e[:-1]), [False])).astype(np.int8))
        out = order.tolist()
        for a, b in zip(np.flatnonzero(tie == 1).tolist(), (np.flatnonzero(tie == -1) + 1).tolist()):
            out[a:b] = sorted(out[a:b], key=ids.__getitem__)
        return array("I", out)
    keys = [(s << 64) + (e - s) for s, e in zip(starts, ends)]  # 0 <= e - s < 2**64
    out = []
    for _, same in groupby(sorted(range(n), key=keys.__getitem__), key=keys.__getitem__):
        same = list(same)
        out += sorted(same, key=ids.__getitem__) if len(same) > 1 else same
    return array("I", out)


def dataset(meta: dict, parts: list[Part], events: list[m.Event]) -> m.Dataset:
    """The dataset of `parts` (in file order) with the [dataset] table `meta` and the sorted `events`."""
    t = meta
    ds = m.Dataset(
        t["id"], t["title"], t["description"], t["language"], license=t.get("license", ""),
        question=t.get("question", ""), introduction=t.get("introduction", ""), authors=t.get("authors", []),
        sides=t.get("sides", []),
        parties={r.id: r for p in parts for r, _ in p.parties},
        categories={r.id: r for p in parts for r, _ in p.categories},
        eras=sorted((e for p in parts for e in p.eras), key=_era_start),  # as Dataset.finish
        places={r.id: r for p in parts for r, _ in p.places},
        events=events,
        positions=sorted((r for p in parts for r, _ in p.positions), key=_position_key),
        stories=[r for p in parts for r, _ in p.stories],
    )
    ds.__setstate__(ds.__getstate__())  # the indexes, without sorting the sorted events again
    return ds


_first = itemgetter(0)
_key = attrgetter("date.start", "date.end", "id")
_event_id = attrgetter("id")
_era_start = attrgetter("date.start")


def _position_key(p: m.Position):
    return (p.party, p.since.start)


def meta_of(parts: list[Part]) -> dict | None:
    return next((p.meta for p in parts if p.meta is not None), None)


def assemble(found: DatasetFiles, parts: list[Part], manifest: Manifest) -> LoadResult | None:
    """The dataset re-opened from its cached parts and manifest (None: the map's GeoJSON changed)."""
    geo = manifest.geo
    if geo is not None and not geo.fresh(found.base):
        return None  # the keys cover the TOML files only: an edited GeoJSON means the checks run again
    meta = meta_of(parts)
    if meta is None:
        return None
    ds = dataset(meta, parts, sorted_events(parts, manifest.order)[0])
    ds.geo = geo
    return LoadResult(ds, list(manifest.problems), found.files, found.path)
