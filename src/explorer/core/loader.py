"""Load a dataset (a folder of TOML files, or one file) into the model.

Every problem is collected, not just the first: syntax errors use tomli's
line and column, schema and reference errors point at the offending key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import tomli

from . import geo_load
from . import model as m
from . import parallel
from .dates import Interval
from .heap import building_model
from .fastpath import clear_date_cache, event as fast_event
from .files import LoadResult, dataset_files  # noqa: F401 - part of this module's interface
from .problems import ERROR, WARNING, DatasetError, Problem, locate_keys, resolve_lines
from .schema import (
    RELATIONS, SCHEMA_VERSION, TOP_LEVEL, Checker, suggest,
)

MAX_FILE_BYTES = 64 * 1024 * 1024




class LoadCancelled(Exception):
    """`progress` asked to stop."""


def load(path: str | os.PathLike, progress: Callable[[int, int], bool | None] | None = None) -> LoadResult:
    """Load and validate a dataset; never raises for bad input.

    `progress(done_bytes, total_bytes)` is called after each file; returning
    False stops the load with `LoadCancelled`."""
    with building_model():  # see core/heap.py
        try:
            return _load(path, progress)
        finally:
            clear_date_cache()  # only repeats within one load are worth keeping


def _load(path: str | os.PathLike, progress=None) -> LoadResult:
    root = Path(path)
    problems: list[Problem] = []
    if root.is_dir():
        files, problems = dataset_files(root)
        base = root
    elif root.exists():
        files, base = [root], root.parent
    else:
        return LoadResult(None, [Problem(str(path), "no such file or folder")])
    texts = _Texts()
    builder = _Builder(problems, str(root), not root.is_dir(), texts)
    rels = [f.relative_to(base).as_posix() for f in files]
    sizes = []
    for f in files:
        try:
            sizes.append(f.stat().st_size)
        except OSError:
            sizes.append(0)
    total, done = sum(sizes), 0

    def read_here(i: int) -> None:
        doc = _read(files[i], rels[i], problems, texts)
        if doc is not None:  # each parsed tree is dropped once built
            builder.add_file(rels[i], doc)

    def advance(i: int) -> None:
        nonlocal done
        done += sizes[i]
        if progress is not None and progress(done, total) is False:
            raise LoadCancelled(f"loading {path} was cancelled")

    # big datasets: a helper process parses the last files meanwhile (see parallel.py)
    helper = sorted(parallel.plan(files, sizes, MAX_FILE_BYTES))
    started = parallel.start([(str(files[i]), rels[i]) for i in helper]) if helper else None
    by_helper = set(helper) if started is not None else set()
    try:
        for i in range(len(files)):  # dataset.toml comes first
            if i not in by_helper:
                read_here(i)
                advance(i)
    except BaseException:
        parallel.results(started, cancelled=True)
        raise
    got = parallel.results(started)
    for i, built in zip(sorted(by_helper), got or [None] * len(by_helper)):
        if built is not None and builder.add_built_events(rels[i], built):
            texts.remember(rels[i], files[i], None)
        else:  # the helper failed or was unsure: read the file here
            read_here(i)
        advance(i)
    dataset = builder.finish() if not any(p.is_error for p in problems) else None
    if dataset is not None:
        builder.check_references(dataset)
        dataset.geo = geo_load.build(builder.geo, dataset, base, problems, builder.events, builder._where)
        if any(p.is_error for p in problems):
            dataset = None
    resolve_lines(problems, texts)
    problems.sort(key=lambda p: (p.severity != ERROR, p.path != "dataset.toml", p.path, p.line))
    return LoadResult(dataset, problems, files)


def load_dataset(path: str | os.PathLike) -> m.Dataset:
    """Load a dataset or raise `DatasetError` listing every problem."""
    result = load(path)
    if result.dataset is None:
        raise DatasetError(result.problems)
    return result.dataset


class _Texts:
    """The text of each file read, for finding the line of a problem.

    Small files are kept; big ones are read again only if a problem needs a line,
    so loading 70 MB of valid files does not also hold 70 MB of text."""

    KEEP_BYTES = 256 * 1024

    def __init__(self):
        self._kept: dict[str, str] = {}
        self._paths: dict[str, Path] = {}

    def remember(self, rel: str, path: Path, text: str | None) -> None:
        self._paths[rel] = path
        if text is not None and len(text) <= self.KEEP_BYTES:
            self._kept[rel] = text

    def __contains__(self, rel: str) -> bool:
        return rel in self._paths

    def __getitem__(self, rel: str) -> str:
        text = self._kept.get(rel)
        if text is None:
            try:
                text = self._paths[rel].read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
            except OSError:
                text = ""
            self._kept[rel] = text
        return text

    def get(self, rel: str, default: str = "") -> str:
        return self[rel] if rel in self else default


def _read(f: Path, rel: str, problems: list[Problem], texts: "_Texts") -> dict | None:
    try:
        size = f.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(rel, f"file is too large ({size // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB)"))
            return None
        data = f.read_bytes()
    except OSError as e:
        problems.append(Problem(rel, f"cannot read file: {e.strerror or e}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        problems.append(Problem(rel, f"file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be decoded); save it as UTF-8", line=line, col=col))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    texts.remember(rel, f, text)
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        msg = getattr(e, "msg", str(e))
        problems.append(Problem(rel, f"TOML syntax error: {msg}", line=getattr(e, "lineno", 0) or 0, col=getattr(e, "colno", 0) or 0))
        return None
    except RecursionError:
        problems.append(Problem(rel, "TOML nesting is too deep"))
        return None


class _Builder:
    """Turns checked tables into model records and cross-checks references."""

    def __init__(self, problems: list[Problem], root: str, single_file: bool, texts: "_Texts"):
        self.problems = problems
        self.texts = texts
        self._located: dict[str, dict] = {}
        self.root = root
        self.single_file = single_file
        self.meta: dict | None = None
        self.meta_file = ""
        self.parties: dict[str, tuple[m.Party, str, tuple]] = {}
        self.categories: dict[str, tuple[m.Category, str, tuple]] = {}
        self.places: dict[str, tuple[m.Place, str, tuple]] = {}
        self.events: dict[str, tuple[m.Event, str, tuple]] = {}
        self.eras: list[m.Era] = []
        self.positions: list[tuple[m.Position, str, tuple]] = []
        self.stories: list[tuple[m.Story, str, tuple]] = []
        self.event_refs: list[tuple[m.Event, str, tuple, list]] = []
        self.schema_seen = False
        self.geo = geo_load.Tables()  # [map], [[region]], [[control]], [[boundary]]

    def add_built_events(self, rel: str, built: list) -> bool:
        """Events the helper process built from one file; False (nothing added) if any id is taken."""
        events = self.events
        ids = {ev.id for ev in built}
        if len(ids) != len(built) or any(i in events for i in ids):
            return False  # duplicates: read the file here so the messages are the usual ones
        for n, ev in enumerate(built):
            events[ev.id] = (ev, rel, ("event", n))
        return True

    def add_file(self, rel: str, doc: dict) -> None:
        c = Checker(rel, self.problems)
        for key in sorted(doc.keys() - TOP_LEVEL.keys()):
            c.error((key,), f"unknown top-level key `{key}`{suggest(key, TOP_LEVEL)}")
        if "schema" in doc:
            self.schema_seen = True
            if doc["schema"] != SCHEMA_VERSION:
                c.error(("schema",), f"unsupported `schema = {doc['schema']!r}`; this version of Explorer reads schema {SCHEMA_VERSION}")
        elif rel == "dataset.toml" or self.single_file:
            c.error((), f"missing `schema = {SCHEMA_VERSION}` at the top of the file")
        if "dataset" in doc:
            meta = c.table(doc["dataset"], TOP_LEVEL["dataset"], ("dataset",))
            if self.meta is not None:
                c.error(("dataset",), f"a second [dataset] table (the first is in {self.meta_file})")
            elif meta is not None:
                self.meta, self.meta_file = meta, rel
        elif rel == "dataset.toml" or self.single_file:
            c.error((), "missing the [dataset] table (id, title, description, language)")
        for kind in ("party", "category", "place", "era", "event", "position", "story"):
            if kind not in doc:
                continue
            items = doc[kind]
            if not isinstance(items, list):
                c.error((kind,), f"`{kind}` must be an array of tables, written [[{kind}]]")
                continue
            spec = TOP_LEVEL[kind]
            fast = kind == "event"
            events = self.events
            for i, raw in enumerate(items):
                if fast:  # well-formed events are built at once; the rest get full messages
                    ev = fast_event(raw, rel)
                    if ev is not None and ev.id not in events:
                        events[ev.id] = (ev, rel, ("event", i))
                        continue
                keys = (kind, i)
                checked = c.table(raw, spec, keys)
                if checked is not None:
                    getattr(self, "_add_" + kind)(checked, rel, keys, c)
        self.geo.add_file(rel, doc, c)

    # -- one record of each kind ------------------------------------------
    def _unique(self, table: dict, key: str, rec, rel: str, keys: tuple, c: Checker, what: str) -> None:
        if key in table:
            _, frel, fkeys = table[key]
            c.error(keys + ("id",), f"duplicate {what} id `{key}` (first defined at {self._where(frel, fkeys + ('id',))})")
        else:
            table[key] = (rec, rel, keys)

    def _where(self, rel: str, keys: tuple) -> str:
        if rel not in self._located:
            self._located[rel] = locate_keys(self.texts.get(rel, ""))
        line = self._located[rel].get(keys, (0, 0))[0]
        return f"{rel}:{line}" if line else rel

    def _add_party(self, t: dict, rel, keys, c) -> None:
        periods = [m.NamePeriod(p["name"], p["date"]) for p in t.get("period", [])]
        party = m.Party(t["id"], t["name"], t["color"], t.get("names", {}), periods, t.get("short", ""))
        self._unique(self.parties, t["id"], party, rel, keys, c, "party")

    def _add_category(self, t: dict, rel, keys, c) -> None:
        self._unique(self.categories, t["id"], m.Category(t["id"], t["name"], t["color"]), rel, keys, c, "category")

    def _add_place(self, t: dict, rel, keys, c) -> None:
        place = m.Place(t["id"], t["name"], t.get("names", {}), t.get("romanized", {}), t.get("lat"), t.get("lon"), t.get("note", ""))
        if place.lat is not None and not -90 <= place.lat <= 90:
            c.error(keys + ("lat",), f"place `{place.id}`: latitude {place.lat} is outside -90..90")
        if place.lon is not None and not -180 <= place.lon <= 180:
            c.error(keys + ("lon",), f"place `{place.id}`: longitude {place.lon} is outside -180..180")
        self._unique(self.places, t["id"], place, rel, keys, c, "place")

    def _add_era(self, t: dict, rel, keys, c) -> None:
        self.eras.append(m.Era(t["name"], t["date"], t["color"], t.get("description", "")))

    def _add_event(self, t: dict, rel, keys, c) -> None:
        sources = [_source(s) for s in t.get("source", [])]
        related = [m.Relation(r["id"], r["relation"]) for r in t.get("related", [])]
        ev = m.Event(
            t["id"], t["date"], t["title"], t["summary"], t["category"], t["parties"],
            t.get("names", {}), t.get("places", []), t.get("tags", []), t.get("notes", ""),
            related, sources, rel,
        )
        for s in t.get("source", []):
            _check_url(s, c, keys, ev.id)
        self._unique(self.events, ev.id, ev, rel, keys, c, "event")
        if not sources:
            c.warn(keys, f"event `{ev.id}` has no source; add at least one [[event.source]]")

    def _add_position(self, t: dict, rel, keys, c) -> None:
        pos = m.Position(
            t["party"], t["since"], t["stance"], t.get("rationale", []), t.get("until"),
            t.get("event", ""), [_source(s) for s in t.get("source", [])], t.get("id", ""),
        )
        if pos.until is not None and pos.until.start < pos.since.start:
            c.error(keys + ("until",), f"position of `{pos.party}` since {pos.since}: `until` ({pos.until}) is before `since` ({pos.since})")
        if not pos.sources:
            c.warn(keys, f"position of `{pos.party}` since {pos.since} has no source; add at least one [[position.source]]")
        self.positions.append((pos, rel, keys))

    def _add_story(self, t: dict, rel, keys, c) -> None:
        story = m.Story(t["id"], t["title"], [m.StoryStep(s["event"], s["narrative"]) for s in t["step"]], t.get("description", ""))
        self.stories.append((story, rel, keys))

    # -- the whole dataset -------------------------------------------------
    def finish(self) -> m.Dataset | None:
        if self.meta is None:
            return None
        t = self.meta
        ds = m.Dataset(
            t["id"], t["title"], t["description"], t["language"], root=self.root, license=t.get("license", ""),
            sides=t.get("sides", []),
            parties={k: v[0] for k, v in self.parties.items()},
            categories={k: v[0] for k, v in self.categories.items()},
            eras=self.eras,
            places={k: v[0] for k, v in self.places.items()},
            events=[v[0] for v in self.events.values()],
            positions=[p[0] for p in self.positions],
            stories=[s[0] for s in self.stories],
        )
        return ds.finish()

    def check_references(self, ds: m.Dataset) -> None:
        err = self.problems.append
        for ev, rel, keys in self.events.values():
            if ev.category not in ds.categories:
                err(Problem(rel, f"event `{ev.id}`: unknown category `{ev.category}`{suggest(ev.category, ds.categories)}", keys=keys + ("category",)))
            for p in ev.parties:
                if p not in ds.parties:
                    err(Problem(rel, f"event `{ev.id}`: unknown party `{p}` in `parties`{suggest(p, ds.parties)}", keys=keys + ("parties",)))
            for pl in ev.places:
                if pl not in ds.places:
                    err(Problem(rel, f"event `{ev.id}`: unknown place `{pl}` in `places`{suggest(pl, ds.places)}", keys=keys + ("places",)))
            for i, r in enumerate(ev.related):
                if r.id not in self.events:
                    err(Problem(rel, f"event `{ev.id}`: related event `{r.id}` does not exist{suggest(r.id, self.events)}", keys=keys + ("related", i)))
                if r.relation not in RELATIONS:
                    err(Problem(rel, f"event `{ev.id}`: unknown relation `{r.relation}`{suggest(r.relation, RELATIONS)} (one of: {', '.join(RELATIONS)})", keys=keys + ("related", i)))
        for side in ds.sides:
            if side not in ds.parties:
                err(Problem(self.meta_file, f"[dataset] sides: unknown party `{side}`{suggest(side, ds.parties)}", keys=("dataset", "sides")))
        with_stance = set()
        for pos, rel, keys in self.positions:
            with_stance.add(pos.party)
            if pos.party not in ds.parties:
                err(Problem(rel, f"position: unknown party `{pos.party}`{suggest(pos.party, ds.parties)}", keys=keys + ("party",)))
            if pos.event and pos.event not in self.events:
                err(Problem(rel, f"position of `{pos.party}` since {pos.since}: event `{pos.event}` does not exist{suggest(pos.event, self.events)}", keys=keys + ("event",)))
        for party_id in ds.side_ids:
            if party_id in ds.parties and party_id not in with_stance:
                _, rel, keys = self.parties[party_id]
                err(Problem(rel, f"party `{party_id}` has no stance; add a [[position]] for it, or leave it out of [dataset] sides", WARNING, keys=keys))
        for story, rel, keys in self.stories:
            for i, step in enumerate(story.steps):
                if step.event not in self.events:
                    err(Problem(rel, f"story `{story.id}` step {i + 1}: event `{step.event}` does not exist{suggest(step.event, self.events)}", keys=keys + ("step", i, "event")))


def _source(s: dict) -> m.Source:
    return m.Source(s["title"], s.get("url", ""), s.get("publisher", ""), s.get("quote", ""), s.get("page", ""), s.get("accessed", ""))


def _check_url(s: dict, c: Checker, keys: tuple, ev_id: str) -> None:
    url = s.get("url", "")
    if url and not url.lower().startswith(("http://", "https://")):
        c.error(keys + ("source",), f"event `{ev_id}`: source url `{url[:80]}` must start with http:// or https://")


__all__ = ["LoadResult", "LoadCancelled", "load", "load_dataset", "DatasetError", "Interval"]
