"""Queries over a dataset: text search and filters, all Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import Date, parse_when
from .model import Dataset, Event


def haystack(event: Event, details=None) -> str:
    """The lower-cased text that search looks through for one event (names apart)."""
    d = details or event.details()
    return "\n".join([event.id, event.title, d.summary, d.notes, *event.tags]).casefold()


def _names(names: dict[str, str]) -> str:
    return "\n".join(names.values()).casefold() if names else ""


class SearchIndex:
    """Lower-cased text of every event, built once per dataset.

    Names in other scripts are kept apart from the rest: a Python string takes
    2 or 4 bytes per character as soon as one character needs it, so mixing a
    Japanese name into an English summary would double the summary's size."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.texts, self.names = [], []
        places = {pid: "\n".join([p.name, *p.names.values(), *p.romanized.values()]).casefold()
                  for pid, p in dataset.places.items()}
        for e in dataset.events:
            d = e.details()  # unpacked once per event
            self.texts.append(haystack(e, d))
            names = _names(d.names)
            if d.places:  # an event is found by the names of its places too (Шикотан, 色丹島)
                names = "\n".join([names, *(places.get(p, "") for p in d.places)])
            self.names.append(names)

    def _hits(self, word: str, among=None) -> list[int]:
        texts, names = self.texts, self.names
        if among is None:
            in_text = [i for i, t in enumerate(texts) if word in t]
            in_names = [i for i, n in enumerate(names) if n and word in n]
        else:
            in_text = [i for i in among if word in texts[i]]
            in_names = [i for i in among if names[i] and word in names[i]]
        if not in_names:
            return in_text
        return sorted(set(in_text).union(in_names))

    def search(self, query: str) -> list[int]:
        """Indexes (into dataset.events) of events containing every word, in date order."""
        words = query.casefold().split()
        if not words:
            return list(range(len(self.texts)))
        hits = self._hits(words[0])
        for w in words[1:]:
            hits = self._hits(w, hits)
        return hits


@dataclass
class Filter:
    """A combination of criteria; empty criteria match everything."""

    query: str = ""
    categories: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    start: int | None = None  # day numbers, inclusive
    end: int | None = None
    places: frozenset[str] = frozenset()  # events at any of these places (a map region)
    label: str = ""  # what the places are, for people ("Etorofu / Iturup")

    @property
    def active(self) -> bool:
        return bool(self.query.strip() or self.categories or self.parties or self.tags or self.places
                    or self.start is not None or self.end is not None)

    def matches(self, event: Event) -> bool:
        if self.categories and event.category not in self.categories:
            return False
        if self.parties and not self.parties.intersection(event.parties):
            return False
        if self.tags and not self.tags.intersection(event.tags):
            return False
        if self.start is not None and event.end <= self.start:
            return False
        if self.end is not None and event.start > self.end:
            return False
        if self.places and not self.places.intersection(event.places):
            return False
        return True


def match_indexes(dataset: Dataset, flt: Filter, index: SearchIndex | None = None) -> list[int]:
    """Indexes into dataset.events of the events matching `flt`, in date order."""
    events = dataset.events
    if flt.query.strip():
        index = index or SearchIndex(dataset)
        candidates = index.search(flt.query)
    else:
        candidates = range(len(events))
    if not (flt.categories or flt.parties or flt.tags or flt.places or flt.start is not None or flt.end is not None):
        return list(candidates)
    return [i for i in candidates if flt.matches(events[i])]


def next_match(matches: list[int], current: int, step: int) -> int:
    """The match after (step > 0) or before `current`, wrapping around; -1 if none."""
    import bisect

    if not matches:
        return -1
    if step > 0:
        i = bisect.bisect_right(matches, current)
        return matches[i % len(matches)]
    i = bisect.bisect_left(matches, current) - 1 if current >= 0 else len(matches) - 1
    return matches[i % len(matches)]


def date_bound(text: str, upper: bool = False) -> int:
    """Day number for a --from/--to bound; raises DateError."""
    d = parse_when(text)
    return (d.end - 1) if upper else d.start


__all__ = ["Filter", "SearchIndex", "match_indexes", "next_match", "date_bound", "Date"]
