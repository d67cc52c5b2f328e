"""`explorer validate`, `list` and `positions`: what the app would show, as text or JSON."""

from __future__ import annotations

import sys

from ..core.dates import Date, DateError, day_to_iso, parse_when
from ..core.model import Dataset, Event, Source
from .common import (UsageError, dataset_path, filter_from, json_lines_out, json_out, load, load_and_select,
                     load_or_fail, say)


def cmd_validate(args) -> int:
    worst = 0
    for arg in args.paths:
        path = dataset_path(arg)
        result = load(path)
        for p in result.problems:
            say(p.format(for_terminal=True))
        ds = result.dataset
        events = len(ds.events) if ds else 0
        status = "valid" if not result.errors else "INVALID"
        say(f"{arg}: {status}: {len(result.files)} file(s), {events} event(s), "
              f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)")
        if result.errors:
            worst = 1
    return worst


def source_json(s: Source) -> dict:
    return {k: v for k, v in (("title", s.title), ("url", s.url), ("publisher", s.publisher),
                               ("quote", s.quote), ("page", s.page), ("accessed", s.accessed)) if v}


def event_json(e: Event) -> dict:
    d = e.details()  # read once: it may be unpacked from the load cache
    return {
        "id": e.id, "date": e.date.edtf(), "display_date": e.date.display(),
        "start": day_to_iso(e.start), "end": day_to_iso(e.end - 1),
        "precision": e.date.precision, "approximate": e.date.approximate,
        "uncertain": e.date.uncertain, "title": e.title, "category": e.category,
        "parties": list(e.parties), "summary": d.summary, "names": dict(d.names),
        "places": list(d.places), "tags": list(e.tags), "notes": d.notes,
        "related": [{"id": r.id, "relation": r.relation} for r in e.related],
        "sources": [source_json(s) for s in d.sources], "file": e.file,
    }


_SOURCE_KEYS = ("title", "url", "publisher", "quote", "page", "accessed")


def events_json_text(events: list[Event], ascii_only: bool):
    """Each event's line of `explorer list --json`: the text `json.dumps(event_json(e))` gives (a test
    compares them byte for byte), written here without building the dicts.

    Strings go through the encoder's own escaping function; what many events share (a date object,
    a category, a list of parties or tags, a file) is encoded once; dates and lists by identity,
    which is safe as `events` holds them all along (places come with the details, new each time:
    never by identity)."""
    from json import encoder

    enc = (encoder.encode_basestring_ascii if ascii_only else encoder.encode_basestring)
    shared: dict = {}  # id(object) or text -> its JSON

    def strings(v) -> str:
        got = shared.get(id(v))
        if got is None:
            got = shared[id(v)] = "[" + ", ".join(map(enc, v)) + "]"
        return got

    def text(v: str) -> str:
        got = shared.get(v)
        if got is None:
            got = shared[v] = enc(v)
        return got

    for e in events:
        date = e.date
        dd = shared.get(id(date))
        if dd is None:
            edtf = date.edtf()
            if type(date) is Date and date.precision == "day" and len(edtf) == 10:  # YYYY-MM-DD: its own span
                start = end = f'"{edtf}"'
            else:
                start, end = enc(day_to_iso(date.start)), enc(day_to_iso(date.end - 1))
            dd = shared[id(date)] = (
                f'"date": {enc(edtf)}, "display_date": {enc(date.display())}, "start": {start}, "end": {end}, '
                f'"precision": {enc(date.precision)}, "approximate": {"true" if date.approximate else "false"}, '
                f'"uncertain": {"true" if date.uncertain else "false"}')
        summary, notes, names, places, sources, _m, _r = e.detail_fields()
        names_text = ("{" + ", ".join([f"{enc(k)}: {enc(v)}" for k, v in names.items()]) + "}") if names else "{}"
        related = ("[" + ", ".join([f'{{"id": {enc(r.id)}, "relation": {enc(r.relation)}}}' for r in e.related])
                   + "]") if e.related else "[]"
        srcs = "[" + ", ".join(["{" + ", ".join([f"{k}{enc(v)}" for k, v in zip(_SOURCE_JSON_KEYS, s) if v]) + "}"
                                for s in sources]) + "]"
        yield (f'{{"id": {enc(e.id)}, {dd}, "title": {enc(e.title)}, "category": {text(e.category)}, '
               f'"parties": {strings(e.parties)}, "summary": {enc(summary)}, "names": {names_text}, '
               f'"places": [{", ".join(map(enc, places))}], "tags": {strings(e.tags)}, "notes": {enc(notes)}, '
               f'"related": {related}, "sources": {srcs}, "file": {text(e.file)}}}')


_SOURCE_JSON_KEYS = tuple(f'"{k}": ' for k in _SOURCE_KEYS)


def _list_all_json(args) -> int:
    """`list --json` of every event: each file's events are written as JSON text as soon as they are
    read or built, while helper children build the other files (see `open_dataset`'s `on_events`)."""
    ascii_only = sys.stdout.isatty()
    lines: dict[int, str] = {}  # by id(event): the events stay alive in `held`, so ids are not reused
    held: list[list[Event]] = []

    def on_events(events: list[Event]) -> None:
        held.append(events)
        lines.update(zip(map(id, events), events_json_text(events, ascii_only)))

    ds = load_or_fail(dataset_path(args.path), on_events=on_events)
    if ds is None:
        return 1
    missing = [e for e in ds.events if id(e) not in lines]  # (a load that fell back to a serial parse)
    lines.update(zip(map(id, missing), events_json_text(missing, ascii_only)))
    json_lines_out(lines[id(e)] for e in ds.events)
    return 0


def cmd_list(args) -> int:
    if args.json and not filter_from(args).active:
        return _list_all_json(args)
    ds, events = load_and_select(args)
    if ds is None:
        return 1
    if args.json:
        json_lines_out(events_json_text(events, sys.stdout.isatty()))
    else:
        width = max((len(e.date.display(short=True)) for e in events), default=10)
        for e in events:
            say(f"{e.date.display(short=True):<{width}}  {e.id:<32}  {e.title}")
        say(f"{len(events)} of {len(ds.events)} event(s)", file=sys.stderr)
    return 0


# -- positions ----------------------------------------------------------------
def _day(text: str, option: str) -> int:
    try:
        return parse_when(text).start
    except DateError as e:
        raise UsageError(f"explorer: error: {option}: {e}") from None


def cmd_positions(args) -> int:
    from ..core.stances import compare, comparison_json, stance_json, stances_at

    path = dataset_path(args.path)
    day = _day(args.at, "--at")
    other = _day(args.compare, "--compare") if args.compare else None
    ds = load_or_fail(path)
    if ds is None:
        return 1
    if other is not None:
        rows = [compare(ds, pid, day, other) for pid in ds.side_ids if pid in ds.parties]
        if args.json:
            json_out({"at": day_to_iso(min(day, other)), "compare": day_to_iso(max(day, other)),
                       "sides": [comparison_json(ds, c) for c in rows]})
            return 0
        for c in rows:
            say(f"{c.second.name} ({c.party})")
            for label, s in ((day_to_iso(c.first_day), c.first), (day_to_iso(c.second_day), c.second)):
                say(f"  on {label}: {s.position.stance if s.position else 'no recorded stance'}")
            if c.same:
                say("  no change between these dates")
            for p in c.changes:
                say(f"  changed {p.since.display()}: {p.stance}")
            for r in c.reasons_added:
                say(f"  + reason: {r}")
            for r in c.reasons_dropped:
                say(f"  - reason: {r}")
            say()
        return 0
    stances = stances_at(ds, day)
    if args.json:
        json_out({"at": day_to_iso(day), "positions": [stance_json(ds, s) for s in stances]})
        return 0
    for s in stances:
        say(f"{s.name} ({s.party})")
        pos = s.position
        if pos is None:
            say("  no recorded stance at this date")
            say()
            continue
        set_by = f", set by {s.set_by.title}" if s.set_by else ""
        say(f"  since {pos.since.display()}{set_by}: {pos.stance}")
        for point in pos.rationale:
            say(f"   - {point}")
        if pos.notes:
            say(f"  note: {pos.notes}")
        if s.previous is not None:
            say(f"  before that: {s.previous.stance}")
        for src in pos.sources:
            say(f"   [source] {src.title} {src.url}")
        say()
    return 0


# -- control ------------------------------------------------------------------
def cmd_control(args) -> int:
    """Who administers and who claims each map region on a date."""
    from ..core.geo import boundary_report, control_report, format_control_report

    path = dataset_path(args.path)
    day = _day(args.at, "--at")
    ds = load_or_fail(path)
    if ds is None:
        return 1
    if ds.geo is None:
        say(f"explorer: {path}: this dataset has no map regions", file=sys.stderr)
        return 1
    rows, lines = control_report(ds, day), boundary_report(ds, day)
    if args.json:
        json_out({"at": day_to_iso(day), "regions": rows, "boundaries": lines})
        return 0
    for line in format_control_report(rows, day, lines).splitlines():
        say(line)
    return 0
