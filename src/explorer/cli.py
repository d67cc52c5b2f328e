"""The `explorer` command: the app, and the author tools (validate, list, …).

Exit codes: 0 success, 1 data or write error, 2 usage error or unreadable path.
Qt is imported only by the subcommands that need it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .core.dates import DateError, day_to_iso, parse_when
from .core.model import Dataset, Event, Position, Source
from .core.query import Filter, date_bound, select


def load(path):
    """`core.loader.load`, imported when first needed: the app's start does not parse."""
    from .core.loader import load as load_files

    return load_files(path)

COMMANDS = ("validate", "list", "positions", "screenshot", "export-cards", "self-test", "import", "export")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with a one-line message
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def _bundled() -> Path:
    from .resources import bundled_dataset

    return bundled_dataset()


def _dataset_path(arg: str | None) -> Path:
    if arg is None:
        return _bundled()
    p = Path(arg)
    if not p.exists():
        raise UsageError(f"explorer: error: no such file or folder: {arg}")
    if not os.access(p, os.R_OK):
        raise UsageError(f"explorer: error: cannot read {arg} (permission denied)")
    return p


def _load_or_fail(path: Path) -> Dataset | None:
    result = load(path)
    if result.dataset is None:
        for p in result.problems:
            print(f"{path}/{p}" if path.is_dir() else str(p), file=sys.stderr)
        print(f"explorer: {path}: {len(result.errors)} error(s); nothing loaded", file=sys.stderr)
        return None
    return result.dataset


# -- validate -----------------------------------------------------------------
def cmd_validate(args) -> int:
    worst = 0
    for arg in args.paths:
        path = _dataset_path(arg)
        result = load(path)
        for p in result.problems:
            print(p)
        ds = result.dataset
        events = len(ds.events) if ds else 0
        status = "valid" if not result.errors else "INVALID"
        print(f"{arg}: {status}: {len(result.files)} file(s), {events} event(s), "
              f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)")
        if result.errors:
            worst = 1
    return worst


# -- list ---------------------------------------------------------------------
def _filter_from(args) -> Filter:
    try:
        start = date_bound(args.from_) if getattr(args, "from_", None) else None
        end = date_bound(args.to, upper=True) if getattr(args, "to", None) else None
    except DateError as e:
        raise UsageError(f"explorer: error: {e}") from None
    cats = frozenset(args.category or ())
    parties = frozenset(args.party or ())
    return Filter(args.query or "", cats, parties, frozenset(getattr(args, "tag", None) or ()), start, end)


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


def _check_ids(ds: Dataset, args) -> None:
    for c in args.category or ():
        if c not in ds.categories:
            raise UsageError(f"explorer: error: unknown category `{c}` (known: {', '.join(ds.categories)})")
    for p in args.party or ():
        if p not in ds.parties:
            raise UsageError(f"explorer: error: unknown party `{p}` (known: {', '.join(ds.parties)})")


def load_and_select(args) -> tuple[Dataset | None, list[Event]]:
    """The dataset named by args.path and its events matching the filter options."""
    ds = _load_or_fail(_dataset_path(args.path))
    if ds is None:
        return None, []
    _check_ids(ds, args)
    return ds, select(ds, _filter_from(args))


def cmd_list(args) -> int:
    ds, events = load_and_select(args)
    if ds is None:
        return 1
    if args.json:
        json.dump([event_json(e) for e in events], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        width = max((len(e.date.display(short=True)) for e in events), default=10)
        for e in events:
            print(f"{e.date.display(short=True):<{width}}  {e.id:<32}  {e.title}")
        print(f"{len(events)} of {len(ds.events)} event(s)", file=sys.stderr)
    return 0


# -- positions ----------------------------------------------------------------
def position_json(ds: Dataset, party: str, pos: Position | None, day: int) -> dict:
    out = {"party": party, "name": ds.parties[party].name_at(day)}
    if pos is None:
        out.update(stance=None, rationale=[], since=None, until=None, event=None, sources=[])
    else:
        out.update(stance=pos.stance, rationale=list(pos.rationale), since=pos.since.edtf(),
                   until=pos.until.edtf() if pos.until else None, event=pos.event or None,
                   sources=[source_json(s) for s in pos.sources])
    return out


def cmd_positions(args) -> int:
    path = _dataset_path(args.path)
    try:
        day = parse_when(args.at).start
    except DateError as e:
        raise UsageError(f"explorer: error: --at: {e}") from None
    ds = _load_or_fail(path)
    if ds is None:
        return 1
    rows = [position_json(ds, party, pos, day) for party, pos in ds.positions_at(day).items()]
    if args.json:
        json.dump({"at": day_to_iso(day), "positions": rows}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        print(f"{r['name']} ({r['party']})")
        if r["stance"] is None:
            print("  no recorded stance at this date\n")
            continue
        print(f"  since {parse_when(r['since']).display()}: {r['stance']}")
        for point in r["rationale"]:
            print(f"   - {point}")
        for s in r["sources"]:
            print(f"   [source] {s['title']} {s.get('url', '')}")
        print()
    return 0


# -- GUI-backed commands (import Qt lazily) -------------------------------------
def cmd_screenshot(args) -> int:
    from .ui.screenshot import screenshot

    return screenshot(args)


def cmd_export_cards(args) -> int:
    from .export.cli import export_cards

    return export_cards(args)


def cmd_self_test(args) -> int:
    from .ui.self_test import self_test

    return self_test(args)


def cmd_import(args) -> int:
    from .interop import ImportError_, import_file, write_dataset

    src = Path(args.source)
    if not src.is_file():
        raise UsageError(f"explorer: error: no such file: {args.source}")
    try:
        imported = import_file(src, args.format)
        out = write_dataset(imported, args.output)
    except ImportError_ as e:
        for line in e.problems:
            print(line, file=sys.stderr)
        return 1
    except OSError as e:
        print(f"explorer: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return 1
    result = load(out)
    print(f"{out}: {len(imported.events)} event(s), {len(imported.categories)} categor(ies), "
          f"{len(imported.eras)} era(s) imported from {src.name}")
    for note in imported.notes:
        print(f"note: {note}")
    if imported.unmapped:
        print("not mapped (field: reason — count):")
        for what, n in sorted(imported.unmapped.items()):
            print(f"  {what} — {n}")
    if result.dataset is None:  # a bug in an importer, not in the user's file
        for p in result.errors:
            print(f"{out}/{p}", file=sys.stderr)
        print("explorer: the imported dataset does not validate; please report this", file=sys.stderr)
        return 1
    warnings = len(result.warnings)
    print(f"validates: 0 errors, {warnings} warning(s) (run `explorer validate {out}` to see them)")
    return 0


def cmd_export(args) -> int:
    from .interop.atomic import ExportError

    path = _dataset_path(args.path)
    ds = _load_or_fail(path)
    if ds is None:
        return 1
    try:
        if args.format == "timelinejs":
            from .interop.timelinejs import write
        else:
            from .interop.sheet_csv import write
        write(ds, args.output, with_positions=not args.no_positions)
    except ExportError as e:
        print(f"explorer: {e}", file=sys.stderr)
        return 1
    print(f"{args.output}: {len(ds.events)} event(s) as {args.format}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="explorer", description="Explore long, disputed histories on a zoomable timeline.")
    p.add_argument("--version", action="version", version=f"explorer {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    v = sub.add_parser("validate", help="check dataset files and report every problem")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.set_defaults(func=cmd_validate)

    def filters(sp):
        sp.add_argument("--query", help="words that must all appear (title, summary, names, tags)")
        sp.add_argument("--category", action="append", metavar="ID")
        sp.add_argument("--party", action="append", metavar="ID")

    ls = sub.add_parser("list", help="list events in date order")
    ls.add_argument("path", nargs="?", metavar="PATH")
    ls.add_argument("--json", action="store_true")
    filters(ls)
    ls.add_argument("--tag", action="append", metavar="TAG")
    ls.add_argument("--from", dest="from_", metavar="DATE")
    ls.add_argument("--to", metavar="DATE")
    ls.set_defaults(func=cmd_list)

    po = sub.add_parser("positions", help="each side's stance at a date")
    po.add_argument("path", nargs="?", metavar="PATH")
    po.add_argument("--at", required=True, metavar="DATE")
    po.add_argument("--json", action="store_true")
    po.set_defaults(func=cmd_positions)

    sc = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    sc.add_argument("path", nargs="?", metavar="PATH")
    sc.add_argument("-o", "--output", required=True, metavar="OUT.png")
    sc.add_argument("--size", default="1400x900", metavar="WxH")
    sc.add_argument("--at", metavar="DATE")
    sc.add_argument("--select", metavar="ID")
    sc.add_argument("--dark", action="store_true", help="dark appearance (default: light)")
    sc.add_argument("--query", help="type this into the search box first")
    sc.set_defaults(func=cmd_screenshot)

    ex = sub.add_parser("export-cards", help="export event cards as a PDF")
    ex.add_argument("path", nargs="?", metavar="PATH")
    ex.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    ex.add_argument("--ids", metavar="ID,ID")
    filters(ex)
    ex.add_argument("--page-size", default="A4", choices=("A4", "Letter", "A5", "A6"))
    ex.add_argument("--per-page", default=1, type=int, choices=(1, 2, 4))
    ex.add_argument("--no-positions", action="store_true")
    ex.set_defaults(func=cmd_export_cards)

    im = sub.add_parser("import", help="turn a TimelineJS (.json, .csv) or Timeline (.timeline) file into a dataset")
    im.add_argument("source", metavar="SOURCE")
    im.add_argument("-o", "--output", required=True, metavar="OUT", help="a new dataset folder")
    im.add_argument("--format", default="auto", choices=("auto", "timelinejs", "csv", "timeline"))
    im.set_defaults(func=cmd_import)

    xp = sub.add_parser("export", help="write a dataset as TimelineJS JSON or its spreadsheet CSV")
    xp.add_argument("path", nargs="?", metavar="PATH")
    xp.add_argument("--format", required=True, choices=("timelinejs", "csv"))
    xp.add_argument("-o", "--output", required=True, metavar="OUT")
    xp.add_argument("--no-positions", action="store_true", help="leave both sides' positions out of the text")
    xp.set_defaults(func=cmd_export)

    st = sub.add_parser("self-test", help="open the window offscreen, exercise it, and report")
    st.set_defaults(func=cmd_self_test)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_load-worker"] and len(argv) == 3:  # internal: see core/load_worker.py
        from .core.load_worker import main as worker

        return worker(argv[1], argv[2])
    try:
        if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")) or argv[0] in ("--dark",):
            return run_app(argv)
        args = build_parser().parse_args(argv)
        if not getattr(args, "func", None):
            return run_app([])
        return args.func(args)
    except UsageError as e:
        print(e, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def run_app(argv: list[str]) -> int:
    p = _Parser(prog="explorer", description="Open the Explorer window.")
    p.add_argument("path", nargs="?", metavar="PATH", help="dataset folder or .toml file (default: the bundled dataset, or the last one opened)")
    args = p.parse_args(argv)
    path = _dataset_path(args.path) if args.path else None
    from .ui.app import run

    return run(path)
