"""The `explorer` command line: every subcommand and its options, in one place."""

from __future__ import annotations

import argparse

from .. import __version__
from .common import Parser


def _gui(name: str):
    """A subcommand that imports Qt, loaded only when it runs."""
    def run(args) -> int:
        import importlib

        module = importlib.import_module(f"explorer.commands.{name}")
        return module.run(args)
    return run


def _lazy(module: str, func: str):
    def run(args) -> int:
        import importlib

        return getattr(importlib.import_module(f"explorer.commands.{module}"), func)(args)
    return run


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="explorer", description="Explore long, disputed histories on a zoomable timeline.")
    p.add_argument("--version", action="version", version=f"explorer {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    v = sub.add_parser("validate", help="check dataset files and report every problem")
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.set_defaults(func=_lazy("data", "cmd_validate"))

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
    ls.set_defaults(func=_lazy("data", "cmd_list"))

    po = sub.add_parser("positions", help="each side's stance at a date")
    po.add_argument("path", nargs="?", metavar="PATH")
    po.add_argument("--at", required=True, metavar="DATE")
    po.add_argument("--compare", metavar="DATE", help="also the stances at this date, and what changed in between")
    po.add_argument("--json", action="store_true")
    po.set_defaults(func=_lazy("data", "cmd_positions"))

    co = sub.add_parser("control", help="who administers and who claims each map region at a date")
    co.add_argument("path", nargs="?", metavar="PATH")
    co.add_argument("--at", required=True, metavar="DATE")
    co.add_argument("--json", action="store_true")
    co.set_defaults(func=_lazy("data", "cmd_control"))

    sc = sub.add_parser("screenshot", help="render the main window offscreen to a PNG")
    sc.add_argument("path", nargs="?", metavar="PATH")
    sc.add_argument("-o", "--output", required=True, metavar="OUT.png")
    sc.add_argument("--size", default="1400x900", metavar="WxH")
    sc.add_argument("--at", metavar="DATE")
    sc.add_argument("--select", metavar="ID")
    sc.add_argument("--dark", action="store_true", help="dark appearance (default: light)")
    sc.add_argument("--query", help="type this into the search box first")
    sc.add_argument("--pin", metavar="DATE", help="pin this date and compare it with --at")
    sc.add_argument("--story", type=int, metavar="N", help="show step N of the story")
    sc.add_argument("--with-map", action="store_true", help="show the map pane (shown by default from 1500 px wide)")
    sc.add_argument("--no-map", action="store_true", help="hide the map pane")
    sc.set_defaults(func=_gui("screenshot"))

    ex = sub.add_parser("export-cards", help="export event cards as a PDF")
    ex.add_argument("path", nargs="?", metavar="PATH")
    ex.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    ex.add_argument("--ids", metavar="ID,ID")
    filters(ex)
    ex.add_argument("--page-size", default="A4", choices=("A4", "Letter", "A5", "A6"))
    ex.add_argument("--per-page", type=int, choices=(1, 2, 4), help="cards per page (default 1)")
    ex.add_argument("--no-positions", action="store_true")
    ex.add_argument("--no-context", action="store_true", help="one card a page: leave out the timeline around its date")
    ex.add_argument("--no-map", action="store_true",
                    help="leave out the small map of the situation on each card's date (on when the dataset has a map)")
    ex.add_argument("--handout", action="store_true",
                    help="a class handout: a cover with the question and introduction, the whole timeline with the "
                         "stance band, the story's steps as cards, and the sources")
    ex.set_defaults(func=_gui("export_cards"))

    vw = sub.add_parser("export-view", help="export the timeline as a PDF, SVG or PNG page, up to poster size")
    vw.add_argument("path", nargs="?", metavar="PATH")
    vw.add_argument("-o", "--output", required=True, metavar="OUT.pdf|svg|png")
    vw.add_argument("--from", dest="from_", metavar="DATE", help="first date shown (default: the whole span)")
    vw.add_argument("--to", metavar="DATE", help="last date shown")
    vw.add_argument("--size", default="A4", metavar="SIZE",
                    help="a landscape sheet: A4, Letter, A3, Tabloid, A2 (a poster); or WIDTHxHEIGHT in pixels")
    vw.add_argument("--dpi", type=int, metavar="N", help="PNG only: pixels per inch (default 150 for a sheet)")
    vw.add_argument("--lanes", default="party", choices=("party", "category"))
    vw.add_argument("--dark", action="store_true", help="dark appearance (default: light)")
    vw.add_argument("--cursor", metavar="DATE", help="draw the cursor at this date")
    vw.add_argument("--select", metavar="ID", help="show this event selected, with its relations")
    vw.add_argument("--with-band", action="store_true", help="each side's stance under the timeline")
    vw.add_argument("--with-map", action="store_true", help="the map at the cursor date beside the timeline")
    vw.set_defaults(func=_gui("export_view"))

    im = sub.add_parser("import", help="turn a TimelineJS (.json, .csv) or Timeline (.timeline) file into a dataset")
    im.add_argument("source", metavar="SOURCE")
    im.add_argument("-o", "--output", required=True, metavar="OUT", help="a new dataset folder")
    im.add_argument("--format", default="auto", choices=("auto", "timelinejs", "csv", "timeline"))
    im.set_defaults(func=_lazy("files", "cmd_import"))

    xp = sub.add_parser("export", help="write a dataset as TimelineJS JSON or its spreadsheet CSV")
    xp.add_argument("path", nargs="?", metavar="PATH")
    xp.add_argument("--format", required=True, choices=("timelinejs", "csv"))
    xp.add_argument("-o", "--output", required=True, metavar="OUT")
    xp.add_argument("--no-positions", action="store_true", help="leave both sides' positions out of the text")
    xp.set_defaults(func=_lazy("files", "cmd_export"))

    st = sub.add_parser("self-test", help="open the window offscreen, exercise it, and report")
    st.set_defaults(func=_gui("self_test"))
    return p


