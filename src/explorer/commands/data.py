"""`explorer validate`, `list` and `positions`: what the app would show, as text or JSON."""

from __future__ import annotations

import sys

from ..core.dates import DateError, day_to_iso, parse_when
from ..core.model import Dataset, Event, Source
from .common import UsageError, dataset_path, json_out, json_rows_out, load, load_and_select, load_or_fail, say


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


def events_json(events: list[Event]):
    """`event_json` of each event, in order, built faster for a whole list (`explorer list --json`).

    The same dicts (a test compares them): the text of each date object is made once, and the
    details are read as their plain packed tuple (one `marshal.loads`, no named tuples)."""
    dates: dict = {}  # by id: the events (alive all along) share their date objects
    for e in events:
        date = e.date
        dd = dates.get(id(date))
        if dd is None:
            dd = dates[id(date)] = (date.edtf(), date.display(), day_to_iso(date.start), day_to_iso(date.end - 1),
                                date.precision, date.approximate, date.uncertain)
        d = e.detail_fields()  # in Details' order, without named tuples
        yield {
            "id": e.id, "date": dd[0], "display_date": dd[1], "start": dd[2], "end": dd[3],
            "precision": dd[4], "approximate": dd[5], "uncertain": dd[6], "title": e.title,
            "category": e.category, "parties": e.parties, "summary": d[0], "names": d[2], "places": d[3],
            "tags": e.tags, "notes": d[1], "related": [{"id": r.id, "relation": r.relation} for r in e.related],
            "sources": [{k: v for k, v in zip(_SOURCE_KEYS, s) if v} for s in d[4]], "file": e.file,
        }


def cmd_list(args) -> int:
    ds, events = load_and_select(args)
    if ds is None:
        return 1
    if args.json:
        json_rows_out(events_json(events))
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
