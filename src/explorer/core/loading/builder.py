"""Checked tables to model records, and the checks across files (ids, references)."""

from __future__ import annotations

from array import array

from .. import geo_load
from .. import model as m
from ..problems import Problem, locate_keys
from ..schema import SCHEMA_VERSION, TOP_LEVEL, Checker, schema_version_problem, suggest
from .checks import check_references, event_refs
from .parts import Part, event_order


class Builder:
    """Turns checked tables into model records and cross-checks references."""

    def __init__(self, problems: list[Problem], single_file: bool, texts, fast_event):
        self.problems = problems
        self.texts = texts
        self._located: dict[str, dict] = {}
        self.fast_event = fast_event
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
        self.geo = geo_load.Tables()  # [map], [[region]], [[control]], [[boundary]]

    def add_file(self, rel: str, doc: dict) -> None:
        c = Checker(rel, self.problems)
        for key in sorted(doc.keys() - TOP_LEVEL.keys()):
            c.error((key,), f"unknown top-level key `{key}`{suggest(key, TOP_LEVEL)}")
        if "schema" in doc:
            why = schema_version_problem(doc["schema"])
            if why:
                c.error(("schema",), why)
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
                    ev = self.fast_event(raw, rel)
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
            c.error(keys + ("id",), f"duplicate {what} id `{key}` (first defined at {self.where(frel, fkeys + ('id',))})")
        else:
            table[key] = (rec, rel, keys)

    def where(self, rel: str, keys: tuple) -> str:
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
            related, sources, rel, t.get("misconception", ""), t.get("reported", ""),
        )
        for s in t.get("source", []):
            _check_url(s, c, keys, f"event `{ev.id}`")
        self._unique(self.events, ev.id, ev, rel, keys, c, "event")
        if not sources:
            c.warn(keys, f"event `{ev.id}` has no source; add at least one [[event.source]]")

    def _add_position(self, t: dict, rel, keys, c) -> None:
        pos = m.Position(
            t["party"], t["since"], t["stance"], t.get("rationale", []), t.get("until"),
            t.get("event", ""), [_source(s) for s in t.get("source", [])], t.get("id", ""), t.get("notes", ""),
        )
        for s in t.get("source", []):
            _check_url(s, c, keys, f"position of `{pos.party}` since {pos.since}")
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
            t["id"], t["title"], t["description"], t["language"], license=t.get("license", ""),
            question=t.get("question", ""), introduction=t.get("introduction", ""), authors=t.get("authors", []),
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
        check_references(self.problems, ds, self.events.values(), self.events, self.meta_file, self.positions,
                         {k: (rel, keys) for k, (_, rel, keys) in self.parties.items()}, self.stories)

    def part(self, rel: str, key: str = "") -> Part:
        """What this builder holds after `add_file(rel, ...)` of one file alone."""
        rows = list(self.events.values())
        order = event_order([ev for ev, _, _ in rows])  # as the dataset sorts them
        rows = [rows[i] for i in order]
        events = [ev for ev, _, _ in rows]
        g = self.geo
        return Part(
            rel, key, self.problems, self.meta,
            [(r, keys) for r, _, keys in self.parties.values()],
            [(r, keys) for r, _, keys in self.categories.values()],
            [(r, keys) for r, _, keys in self.places.values()],
            self.eras, events, array("I", [keys[1] for _, _, keys in rows]),
            array("q", [ev.date.start for ev in events]), array("q", [ev.date.end for ev in events]),
            [(r, keys) for r, _, keys in self.positions], [(r, keys) for r, _, keys in self.stories],
            None if g.empty else (g.map, g.map_seen, g.regions, g.controls, g.boundaries),
            event_refs(events),
        )


def _source(s: dict) -> m.Source:
    return m.Source(s["title"], s.get("url", ""), s.get("publisher", ""), s.get("quote", ""), s.get("page", ""), s.get("accessed", ""))


def _check_url(s: dict, c: Checker, keys: tuple, owner: str) -> None:
    url = s.get("url", "")
    if url and not url.lower().startswith(("http://", "https://")):
        c.error(keys + ("source",), f"{owner}: source url `{url[:80]}` must start with http:// or https://")
