"""Where an event's details live: in memory, packed, or in a load-cache entry.

What drawing, sorting and filtering read is kept on the `Event` itself; the
rest (`Details`: summary, notes, names, places, sources, misconception,
reported) is read for one event at a time (detail pane, card, search index).
An event holds its details in one of three forms, all with `load()`:

- `Details` itself, as the loader builds it;
- `Packed`: one `marshal` blob (events that went through pickle, e.g. from the
  load helper process), unpacked on access;
- `Stored`: a reference into a details store (the open load-cache entry,
  `core.loading.cache.DetailsFile`), read on access.

100,000 events re-opened from the cache take ~100 MB less memory than as
Source, dict and str objects (docs/performance.md). `Event` knows only `load()`.
"""

from __future__ import annotations

import marshal
from typing import NamedTuple, Protocol


class Source(NamedTuple):
    title: str
    url: str = ""
    publisher: str = ""
    quote: str = ""
    page: str = ""
    accessed: str = ""


class Details(NamedTuple):
    """The parts of an event that only its detail pane, card and search read."""

    summary: str
    notes: str
    names: dict[str, str]
    places: list[str]
    sources: list[Source]
    misconception: str = ""
    reported: str = ""

    def load(self) -> "Details":
        return self


def pack(d: Details) -> bytes:
    return marshal.dumps((d.summary, d.notes, d.names, tuple(d.places), tuple(tuple(s) for s in d.sources),
                          d.misconception, d.reported))


def unpack(blob: bytes) -> Details:
    summary, notes, names, places, sources, misconception, reported = marshal.loads(blob)
    return Details(summary, notes, names, list(places), [Source(*s) for s in sources], misconception, reported)


class Packed:
    """Details packed in one blob (after pickling), unpacked on each access."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes):
        self.blob = blob

    def load(self) -> Details:
        return unpack(self.blob)

    def __reduce__(self):
        return (Packed, (self.blob,))


class Store(Protocol):
    def read(self, ref: int) -> bytes: ...


class Stored:
    """A reference into a store of packed details (the load cache's open entry)."""

    __slots__ = ("store", "ref")

    def __init__(self, store: Store, ref: int):
        self.store = store
        self.ref = ref

    def load(self) -> Details:
        return unpack(self.store.read(self.ref))

    def __reduce__(self):  # leaving the process: carry the bytes, not the open file
        return (Packed, (self.store.read(self.ref),))


def packed(d: Details | Packed | Stored) -> bytes:
    """The blob of any form of details (what the load cache writes)."""
    if type(d) is Packed:
        return d.blob
    if type(d) is Stored:
        return d.store.read(d.ref)
    return pack(d)


def fields(d: Details | Packed | Stored) -> tuple:
    """The details as a plain tuple in `Details`' order (sources as tuples): one `marshal.loads`
    for packed or stored ones, no named tuples made (a whole dataset's, e.g. `list --json`)."""
    return tuple(d) if type(d) is Details else marshal.loads(packed(d))


UNAVAILABLE = "[Details unavailable: {problem}. Reload the dataset (Ctrl+R).]"


def unavailable(problem: str) -> bytes:
    """Packed details that say why the real ones could not be read."""
    return pack(Details(UNAVAILABLE.format(problem=problem), "", {}, [], []))
