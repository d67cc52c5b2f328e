"""`explorer import` and `explorer export`: TimelineJS and "Timeline" files in and out."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import UsageError, dataset_path, inputs_of, load, load_or_fail, say


def cmd_import(args) -> int:
    from ..interop import ImportError_, import_file, write_dataset

    src = Path(args.source)
    if not src.is_file():
        raise UsageError(f"explorer: error: no such file: {args.source}")
    try:
        imported = import_file(src, args.format)
        out = write_dataset(imported, args.output)
    except ImportError_ as e:
        for line in e.problems:
            say(line, file=sys.stderr)
        return 1
    except OSError as e:
        say(f"explorer: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return 1
    result = load(out)
    say(f"{out}: {len(imported.events)} event(s), {len(imported.categories)} categor(ies), "
          f"{len(imported.eras)} era(s) imported from {src.name}")
    for note in imported.notes:
        say(f"note: {note}")
    if imported.unmapped:
        say("not mapped (field: reason — count):")
        for what, n in sorted(imported.unmapped.items()):
            say(f"  {what} — {n}")
    if result.dataset is None:  # a bug in an importer, not in the user's file
        for p in result.errors:
            say(f"{out}/{p}", file=sys.stderr)
        say("explorer: the imported dataset does not validate; please report this", file=sys.stderr)
        return 1
    warnings = len(result.warnings)
    say(f"validates: 0 errors, {warnings} warning(s) (run `explorer validate {out}` to see them)")
    return 0


def cmd_export(args) -> int:
    from ..core.output import ExportError

    path = dataset_path(args.path)
    ds = load_or_fail(path)
    if ds is None:
        return 1
    try:
        if args.format == "timelinejs":
            from ..interop.tjs_export import write
        else:
            from ..interop.sheet_csv import write
        write(ds, args.output, with_positions=not args.no_positions, protect=inputs_of(path, ds))
    except ExportError as e:
        say(f"explorer: {e}", file=sys.stderr)
        return 1
    say(f"{args.output}: {len(ds.events)} event(s) as {args.format}")
    return 0


