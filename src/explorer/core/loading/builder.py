"""Checked tables to model records, and the checks across files (ids, references)."""

from __future__ import annotations

from .. import geo_load
from .. import model as m
from ..problems import WARNING, Problem, locate_keys
from ..schema import RELATIONS, SCHEMA_VERSION, TOP_LEVEL, Checker, schema_version_problem, suggest


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


def _check_url(s: dict, c: Checker, keys: tuple, owner: str) -> None:
    url = s.get("url", "")
    if url and not url.lower().startswith(("http://", "https://")):
        c.error(keys + ("source",), f"{owner}: source url `{url[:80]}` must start with http:// or https://")
