"""The dataset model: plain, immutable-by-convention records, free of Qt."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .dates import Date, Interval, When


@dataclass(slots=True)
class Source:
    title: str
    url: str = ""
    publisher: str = ""
    quote: str = ""
    page: str = ""
    accessed: str = ""

    def __reduce__(self):  # positional: the load cache rebuilds 100,000s of these fast
        return (Source, (self.title, self.url, self.publisher, self.quote, self.page, self.accessed))


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


@dataclass(slots=True)
class Event:
    id: str
    date: When
    title: str
    summary: str
    category: str
    parties: list[str]
    names: dict[str, str] = field(default_factory=dict)
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    related: list[Relation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    file: str = ""

    def __reduce__(self):
        return (Event, (self.id, self.date, self.title, self.summary, self.category, self.parties, self.names,
                        self.places, self.tags, self.notes, self.related, self.sources, self.file))

    @property
    def start(self) -> int:
        return self.date.start

    @property
    def end(self) -> int:
        return self.date.end

    @property
    def is_interval(self) -> bool:
        return isinstance(self.date, Interval)


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


@dataclass(slots=True)
class Dataset:
    id: str
    title: str
    description: str
    language: str
    root: str = ""
    license: str = ""
    sides: list[str] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)  # sorted by date
    positions: list[Position] = field(default_factory=list)  # sorted by since
    stories: list[Story] = field(default_factory=list)
    _by_id: dict[str, Event] = field(default_factory=dict, repr=False)
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _incoming: dict[str, list[tuple[Event, Relation]]] = field(default_factory=dict, repr=False)

    def finish(self) -> "Dataset":
        """Sort and index after loading."""
        self.events.sort(key=lambda e: (e.date.start, e.date.end, e.id))
        self.positions.sort(key=lambda p: (p.party, p.since.start))
        self.eras.sort(key=lambda e: e.date.start)
        self._by_id = {e.id: e for e in self.events}
        self._index = {e.id: i for i, e in enumerate(self.events)}
        self._incoming = {}
        for e in self.events:
            for r in e.related:
                self._incoming.setdefault(r.id, []).append((e, r))
        return self

    def incoming(self, event_id: str) -> list[tuple[Event, Relation]]:
        """Events that name `event_id` in their `related`, with the relation."""
        return self._incoming.get(event_id, [])

    def event(self, event_id: str) -> Event | None:
        return self._by_id.get(event_id)

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
        if not self.events:
            return (0, 365)
        return (min(e.start for e in self.events), max(e.end for e in self.events))
