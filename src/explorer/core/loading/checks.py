"""The checks across files: references between records (one code path for a serial load and a merge)."""

from __future__ import annotations

from typing import Iterable

from .. import model as m
from ..problems import WARNING, Problem
from ..schema import RELATIONS, suggest

_RELATIONS = frozenset(RELATIONS)


def event_refs(events: Iterable[m.Event]) -> tuple[frozenset, ...]:
    """What `events` refer to: categories, parties, places, related ids, relation kinds."""
    cats, parties, places, related, relations = set(), set(), set(), set(), set()
    for ev in events:
        cats.add(ev.category)
        parties.update(ev.parties)
        places.update(ev.details().places)
        for r in ev.related:
            related.add(r.id)
            relations.add(r.relation)
    return tuple(map(frozenset, (cats, parties, places, related, relations)))


def refs_resolve(ds: m.Dataset, refs: Iterable[tuple[frozenset, ...]], event_ids) -> bool:
    """True when every reference in `refs` (one tuple per file, see `event_refs`) exists."""
    for cats, parties, places, related, relations in refs:
        if not (cats <= ds.categories.keys() and parties <= ds.parties.keys() and places <= ds.places.keys()
                and all(r in event_ids for r in related) and relations <= _RELATIONS):
            return False
    return True


def check_references(problems: list[Problem], ds: m.Dataset, events: Iterable[tuple[m.Event, str, tuple]],
                     event_ids, meta_file: str, positions: Iterable[tuple[m.Position, str, tuple]],
                     party_where: dict[str, tuple[str, tuple]], stories: Iterable[tuple[m.Story, str, tuple]]) -> None:
    """Problems with references: unknown categories, parties, places, events and relations.

    `events` are (event, file, key path) in file order (empty when `refs_resolve`
    found nothing to report); `event_ids` answers `in` and iterates the ids."""
    err = problems.append
    for ev, rel, keys in events:
        if ev.category not in ds.categories:
            err(Problem(rel, f"event `{ev.id}`: unknown category `{ev.category}`{suggest(ev.category, ds.categories)}", keys=keys + ("category",)))
        for p in ev.parties:
            if p not in ds.parties:
                err(Problem(rel, f"event `{ev.id}`: unknown party `{p}` in `parties`{suggest(p, ds.parties)}", keys=keys + ("parties",)))
        for pl in ev.places:
            if pl not in ds.places:
                err(Problem(rel, f"event `{ev.id}`: unknown place `{pl}` in `places`{suggest(pl, ds.places)}", keys=keys + ("places",)))
        for i, r in enumerate(ev.related):
            if r.id not in event_ids:
                err(Problem(rel, f"event `{ev.id}`: related event `{r.id}` does not exist{suggest(r.id, event_ids)}", keys=keys + ("related", i)))
            if r.relation not in RELATIONS:
                err(Problem(rel, f"event `{ev.id}`: unknown relation `{r.relation}`{suggest(r.relation, RELATIONS)} (one of: {', '.join(RELATIONS)})", keys=keys + ("related", i)))
    for side in ds.sides:
        if side not in ds.parties:
            err(Problem(meta_file, f"[dataset] sides: unknown party `{side}`{suggest(side, ds.parties)}", keys=("dataset", "sides")))
    with_stance = set()
    for pos, rel, keys in positions:
        with_stance.add(pos.party)
        if pos.party not in ds.parties:
            err(Problem(rel, f"position: unknown party `{pos.party}`{suggest(pos.party, ds.parties)}", keys=keys + ("party",)))
        if pos.event and pos.event not in event_ids:
            err(Problem(rel, f"position of `{pos.party}` since {pos.since}: event `{pos.event}` does not exist{suggest(pos.event, event_ids)}", keys=keys + ("event",)))
    for party_id in ds.side_ids:
        if party_id in ds.parties and party_id not in with_stance:
            rel, keys = party_where[party_id]
            err(Problem(rel, f"party `{party_id}` has no stance; add a [[position]] for it, or leave it out of [dataset] sides", WARNING, keys=keys))
    for story, rel, keys in stories:
        for i, step in enumerate(story.steps):
            if step.event not in event_ids:
                err(Problem(rel, f"story `{story.id}` step {i + 1}: event `{step.event}` does not exist{suggest(step.event, event_ids)}", keys=keys + ("step", i, "event")))
