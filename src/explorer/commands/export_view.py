"""`explorer export-view`: the timeline as a PDF, SVG or PNG page, up to poster size (works offscreen)."""

from __future__ import annotations

import os
import sys


def _day(text: str | None, option: str, upper: bool = False) -> float | None:
    from ..core.dates import DateError
    from ..core.query import date_bound
    from .common import UsageError

    if not text:
        return None
    try:
        return float(date_bound(text, upper=upper))
    except DateError as e:
        raise UsageError(f"explorer: error: {option}: {e}") from None


def run(args) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..core.output import ExportError
    from .common import UsageError, dataset_path, load_or_fail, say

    lo, hi = _day(args.from_, "--from"), _day(args.to, "--to", upper=True)
    cursor = _day(args.cursor, "--cursor")
    if lo is not None and hi is not None and hi <= lo:
        raise UsageError("explorer: error: --to must be later than --from")
    if args.dpi is not None and not 36 <= args.dpi <= 1200:
        raise UsageError(f"explorer: error: --dpi must be from 36 to 1200, not {args.dpi}")
    path = dataset_path(args.path)
    ds = load_or_fail(path)
    if ds is None:
        return 1
    selected = -1
    if args.select:
        selected = ds.index_of(args.select)
        if selected < 0:
            raise UsageError(f"explorer: error: unknown event id: {args.select}")
    if args.lanes == "party" and not any(e.parties for e in ds.events):
        raise UsageError("explorer: error: no event names a party; use --lanes category")
    from ..ui.shell.app import make_app
    from ..ui.export_view import ViewOptions, export_view

    _app = make_app()
    options = ViewOptions(size=args.size, lo=lo, hi=hi, lanes=args.lanes, dark=args.dark, band=args.with_band,
                          map=args.with_map, cursor=cursor, selected=selected, dpi=args.dpi)
    try:
        options.page_px()
    except ValueError as e:
        raise UsageError(f"explorer: error: --size: {e}") from None
    if args.with_map and ds.geo is None:
        say("explorer: note: this dataset has no map; --with-map ignored", file=sys.stderr)
    try:
        result = export_view(ds, args.output, options, protect=(path,))
    except ExportError as e:
        say(f"explorer: {e}", file=sys.stderr)
        return 1
    from ..core.dates import display_day

    say(f"{args.output}: the timeline from {display_day(result.lo)} to {display_day(result.hi)}, "
        f"{result.labels} event title(s) shown")
    return 0
