"""`explorer export-cards`: cards, or a class handout, as PDF from the command line (works offscreen)."""

from __future__ import annotations

import os
import sys


def run(args) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .common import UsageError, dataset_path, inputs_of, load_and_select, say

    if args.handout and (args.ids or args.query or args.category or args.party):
        raise UsageError("explorer: error: --handout follows the dataset's story; it takes no --ids or filters")
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
    if not events and not args.handout:
        say("explorer: no events match; nothing exported", file=sys.stderr)
        return 1
    from ..core.output import ExportError
    from ..export.cards import CardOptions, export_cards as write
    from ..export.handout import export_handout
    from ..ui.map.snapshot import card_map_hook
    from ..ui.print_view import timeline_painter
    from ..ui.shell.app import make_app

    _app = make_app()  # widgets: the timeline around each card's date is the app's own view
    per_page = args.per_page or 1
    options = CardOptions(args.page_size, per_page, not args.no_positions, not args.no_context, not args.no_map)
    timeline = timeline_painter(ds)
    try:
        if args.handout:
            pages = export_handout(ds, args.output, options, timeline, protect=inputs_of(dataset_path(args.path), ds),
                                   map_hook=card_map_hook(ds))
            say(f"{args.output}: class handout of {len(ds.stories[0].steps)} step(s) on {pages} page(s)")
            return 0
        pages = write(ds, events, args.output, options, protect=inputs_of(dataset_path(args.path), ds), timeline=timeline,
                      map_hook=card_map_hook(ds))
    except ExportError as e:
        say(f"explorer: {e}", file=sys.stderr)
        return 1
    say(f"{args.output}: {len(events)} card(s) on {pages} page(s)")
    return 0
