"""The dataset model: plain, immutable-by-convention records, free of Qt."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import NamedTuple

from .dates import Date, Interval, When
from .details import Details, Packed, Source, packed
from .details import fields as _detail_fields
from .geo import Geo


@dataclass(slots=True)
class NamePeriod:
    """A party's display name during an interval ('Soviet Union', 1922–1991)."""

    name: str
    date: Interval


@dataclass(slots=True)
class Party:
    id: str
    name: str
    color: str
    names: dict[str, str] = field(default_factory=dict)
    periods: list[NamePeriod] = field(default_factory=list)
    short: str = ""

    def name_at(self, day: float) -> str:
        """The display name in force on `day` (falls back to `name`)."""
        for p in self.periods:
            if p.date.start <= day < p.date.end:
                return p.name
        return self.name


@dataclass(slots=True)
class Category:
    id: str
    name: str
    color: str


@dataclass(slots=True)
class Era:
    name: str
    date: Interval
    color: str
    description: str = ""


@dataclass(slots=True)
class Place:
    id: str
    name: str
    names: dict[str, str] = field(default_factory=dict)
    romanized: dict[str, str] = field(default_factory=dict)
    lat: float | None = None
    lon: float | None = None
    note: str = ""


@dataclass(slots=True)
class Relation:
    id: str
    relation: str

    def __reduce__(self):
        return (Relation, (self.id, self.relation))


class Event:
    """One event. Treat as immutable.

    What drawing, sorting and filtering read (id, date, title, category,
    parties, tags, related, file) are plain slots; the rest is `details()`,
    kept in memory, packed or in the load cache (see `core.details`)."""

    __slots__ = ("id", "date", "title", "category", "parties", "tags", "related", "file", "_details")

    def __init__(self, id: str, date: When, title: str, summary: str, category: str, parties: list[str],
                 names: dict[str, str] | None = None, places: list[str] | None = None,
                 tags: list[str] | None = None, notes: str = "", related: list[Relation] | None = None,
                 sources: list[Source] | None = None, file: str = "", misconception: str = "",
                 reported: str = ""):
        self.id = id
        self.date = date
        self.title = title
        self.category = category
        self.parties = parties
        self.tags = [] if tags is None else tags
        self.related = [] if related is None else related
        self.file = file
        self._details = Details(summary, notes, {} if names is None else names, [] if places is None else places,
                                [] if sources is None else sources, misconception, reported)

    def details(self) -> Details:
        """Summary, notes, names, places, sources, misconception and reported (a new copy when packed)."""
        return self._details.load()

    @property
    def details_held(self) -> str:
        """Where the details are: "memory", "packed" (one blob) or "stored" (the load cache's entry)."""
        return {"Details": "memory", "Packed": "packed", "Stored": "stored"}[type(self._details).__name__]

    def detail_fields(self) -> tuple:
        """`details()` as a plain tuple, cheaper for reading a whole dataset (details.fields)."""
        return _detail_fields(self._details)

    def packed_details(self) -> bytes:
        """The details as one blob (what the load cache stores)."""
        return packed(self._details)

    def __reduce__(self):  # see restore_event
        d = self._details
        return (restore_event, (self.id, self.date, self.title, self.category, self.parties, self.tags,
                                self.related, self.file, d if type(d) is Packed else Packed(packed(d))))

    def _key(self) -> tuple:
        return (self.id, self.date, self.title, self.category, self.parties, self.tags, self.related, self.file,
                self.details())

    def __eq__(self, other: object) -> bool:
        return type(other) is Event and self._key() == other._key()

    __hash__ = None  # mutable lists inside, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Event(id={self.id!r}, date={self.date!r}, title={self.title!r})"

    summary = property(lambda self: self.details().summary)
    notes = property(lambda self: self.details().notes)
    names = property(lambda self: self.details().names)
    places = property(lambda self: self.details().places)
    sources = property(lambda self: self.details().sources)
    misconception = property(lambda self: self.details().misconception)
    reported = property(lambda self: self.details().reported)

    @property
    def start(self) -> int:
        return self.date.start

    @property
    def end(self) -> int:
        return self.date.end

    @property
    def is_interval(self) -> bool:
        return isinstance(self.date, Interval)


def restore_event(id, date, title, category, parties, tags, related, file, details) -> Event:
    """Rebuild a pickled Event without calling __init__ (re-opening 100,000 events from the cache).

    `details` is any form with `load()` (`core.details`)."""
    e = _new_event(Event)
    e.id, e.date, e.title, e.category, e.parties, e.tags, e.related, e.file, e._details = (
        id, date, title, category, parties, tags, related, file, details)
    return e


_new_event = object.__new__


@dataclass(slots=True)
class Position:
    party: str
    since: Date
    stance: str
    rationale: list[str] = field(default_factory=list)
    until: Date | None = None
    event: str = ""
    sources: list[Source] = field(default_factory=list)
    id: str = ""
    notes: str = ""

    def in_force(self, day: float) -> bool:
        return self.since.start <= day and (self.until is None or day < self.until.start)


@dataclass(slots=True)
class StoryStep:
    event: str
    narrative: str


@dataclass(slots=True)
class Story:
    id: str
    title: str
    steps: list[StoryStep] = field(default_factory=list)
    description: str = ""


@dataclass(slots=True, weakref_slot=True)  # weak references: tests prove a replaced dataset is freed
class Dataset:
    id: str
    title: str
    description: str
    language: str
    license: str = ""
    question: str = ""
    introduction: str = ""
    authors: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)  # sorted by date
    positions: list[Position] = field(default_factory=list)  # sorted by since
    stories: list[Story] = field(default_factory=list)
    geo: Geo | None = None  # map regions, control over time, boundaries (core/geo.py)
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _incoming: dict[str, list[tuple[Event, Relation]]] = field(default_factory=dict, repr=False)
    _span: tuple[int, int] | None = field(default=None, repr=False)

    def finish(self) -> "Dataset":
        """Sort and index after loading."""
        self.events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
        self.positions.sort(key=lambda p: (p.party, p.since.start))
        self.eras.sort(key=lambda e: e.date.start)
        self._build_indexes()
        return self

    def _build_indexes(self) -> None:
        events = self.events
        self._index = dict(zip(map(_event_id, events), range(len(events))))
        self._span = None
        self._incoming = {}
        for e in events:
            if e.related:
                for r in e.related:
                    self._incoming.setdefault(r.id, []).append((e, r))

    # pickled (load cache, helper process) without the indexes, which are rebuilt faster than unpickled
    def __getstate__(self) -> list:
        return [getattr(self, name) for name in _DATASET_STATE]

    def __setstate__(self, state: list) -> None:
        for name, value in zip(_DATASET_STATE, state):
            setattr(self, name, value)
        self._build_indexes()

    def incoming(self, event_id: str) -> list[tuple[Event, Relation]]:
        """Events that name `event_id` in their `related`, with the relation."""
        return self._incoming.get(event_id, [])

    def event(self, event_id: str) -> Event | None:
        i = self._index.get(event_id)
        return None if i is None else self.events[i]

    def index_of(self, event_id: str) -> int:
        return self._index.get(event_id, -1)

    @property
    def side_ids(self) -> list[str]:
        """Parties whose stances are tracked (all parties when not declared)."""
        return list(self.sides) if self.sides else list(self.parties)

    def stances_of(self, party: str) -> list[Position]:
        return [p for p in self.positions if p.party == party]

    def position_at(self, party: str, day: float) -> Position | None:
        """The stance of `party` in force on `day` (the latest one begun)."""
        stances = self.stances_of(party)
        i = bisect_right([p.since.start for p in stances], day) - 1
        while i >= 0:
            if stances[i].in_force(day):
                return stances[i]
            i -= 1
        return None

    def positions_at(self, day: float) -> dict[str, Position | None]:
        return {party: self.position_at(party, day) for party in self.side_ids}

    def span(self) -> tuple[int, int]:
        """First start and last end (day numbers) of the events."""
        if not self.events:
            return (0, 365)
        if self._span is None:
            self._span = (min(map(_event_start, self.events)), max(map(_event_end, self.events)))
        return self._span


_event_id = attrgetter("id")
_event_start, _event_end = attrgetter("date.start"), attrgetter("date.end")
_DATASET_STATE = [f.name for f in fields(Dataset) if not f.name.startswith("_")]
