"""`explorer export-cards`: cards as PDF from the command line (works offscreen)."""

from __future__ import annotations

import os
import sys


def run(args) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .common import UsageError, dataset_path, inputs_of, load_and_select, say

    ds, events = load_and_select(args)
    if ds is None:
        return 1
    if args.ids:
        wanted = [i.strip() for i in args.ids.split(",") if i.strip()]
        missing = [i for i in wanted if ds.event(i) is None]
        if missing:
            raise UsageError(f"explorer: error: unknown event id(s): {', '.join(missing)}")
        keep = set(wanted)
        events = [e for e in events if e.id in keep]
    if not events:
        say("explorer: no events match; nothing exported", file=sys.stderr)
        return 1
    from PySide6.QtGui import QGuiApplication

    from ..export.cards import CardOptions, export_cards as write
    from ..core.output import ExportError

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        pages = write(ds, events, args.output, CardOptions(args.page_size, args.per_page, not args.no_positions),
                      protect=inputs_of(dataset_path(args.path), ds))
    except ExportError as e:
        say(f"explorer: {e}", file=sys.stderr)
        return 1
    say(f"{args.output}: {len(events)} card(s) on {pages} page(s)")
    return 0
