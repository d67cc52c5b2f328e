"""Merge the parts of a dataset (each file built alone) and run the checks across files.

The result is exactly what a serial load (`parse.parse`) gives: each part
holds its file's own problems, in the order the serial load finds them; the
checks that need every file (references, the map) run here on the merged
records, through the same code as the serial load (`checks.py`,
`geo_load.build`). Two files that conflict (the same id, a second [dataset]
or [map] table) are left to the serial load, whose messages name the first
definition: `merge` answers None.
"""

from __future__ import annotations

from ..geo_load import Tables, build
from ..problems import Problem, locate_keys, resolve_lines
from .checks import check_references, refs_resolve
from .files import DatasetFiles, LoadResult
from .parse import Texts, sort_problems
from .parts import Manifest, Part, dataset, meta_of, sorted_events


def _conflict(parts: list[Part]) -> bool:
    if sum(p.meta is not None for p in parts) > 1 or sum(bool(p.geo and p.geo[1]) for p in parts) > 1:
        return True
    for kind in ("parties", "categories", "places"):
        ids = [r.id for p in parts for r, _ in getattr(p, kind)]
        if len(set(ids)) != len(ids):
            return True
    return False


def merge(found: DatasetFiles, parts: list[Part]) -> tuple[LoadResult, Manifest | None] | None:
    """The dataset of `parts` (one per file of `found`, in order) and, if it loaded, its manifest."""
    if _conflict(parts):
        return None
    event_ids = {e.id for p in parts for e in p.events}
    if len(event_ids) != sum(len(p.events) for p in parts):
        return None  # an id in two files (the same file's duplicates never reach a part)
    problems: list[Problem] = list(found.problems)
    for p in parts:
        problems.extend(p.problems)
    texts = Texts()
    for f, rel in zip(found.files, found.rels):
        texts.remember(rel, f, None)  # read again only if a message needs a line
    meta = meta_of(parts)
    ds = order = None
    if meta is not None and not any(p.is_error for p in problems):
        events, order = sorted_events(parts)
        ds = dataset(meta, parts, events)
        events = () if refs_resolve(ds, (p.refs for p in parts), event_ids) else (
            (ev, p.rel, keys) for p in parts for ev, keys in p.event_keys())
        check_references(problems, ds, events, event_ids, next(p.rel for p in parts if p.meta is not None),
                         [(r, p.rel, keys) for p in parts for r, keys in p.positions],
                         {r.id: (p.rel, keys) for p in parts for r, keys in p.parties},
                         [(r, p.rel, keys) for p in parts for r, keys in p.stories])
        ds.geo = build(_tables(parts), ds, found.base, problems, event_ids, _where(texts))
        if any(p.is_error for p in problems):
            ds = None
    resolve_lines(problems, texts)
    sort_problems(problems)
    result = LoadResult(ds, problems, found.files, found.path)
    return result, (Manifest(problems, ds.geo, order) if ds is not None else None)


def _tables(parts: list[Part]) -> Tables:
    t = Tables()
    for p in parts:
        if p.geo is None:
            continue
        map_table, seen, regions, controls, boundaries = p.geo
        if map_table is not None:
            t.map = map_table
        t.map_seen = t.map_seen or seen
        t.regions += regions
        t.controls += controls
        t.boundaries += boundaries
    return t


def _where(texts: Texts):
    located: dict[str, dict] = {}

    def where(rel: str, keys: tuple) -> str:  # as Builder.where
        if rel not in located:
            located[rel] = locate_keys(texts.get(rel, ""))
        line = located[rel].get(keys, (0, 0))[0]
        return f"{rel}:{line}" if line else rel

    return where
