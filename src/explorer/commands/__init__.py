"""The `explorer` command: the app, and the author tools (validate, list, …).

Exit codes: 0 success, 1 data or write error, 2 usage error or unreadable path.
Each subcommand lives in its own module here and imports downwards only
(core, interop, render, export, ui); Qt is imported only by those that need it.
"""

from __future__ import annotations

import sys

from .common import Parser, UsageError, dataset_path

COMMANDS = ("validate", "list", "positions", "control", "screenshot", "export-cards", "export-view", "self-test", "import", "export")
APP_OPTIONS = ("--dark", "--light")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:  # the frozen bundle's load child (see core/loading/child.py)
        from ..core.loading.child import child_main

        return child_main(argv[1:])
    try:
        if not argv or argv[0] not in COMMANDS and (not argv[0].startswith("-") or argv[0] in APP_OPTIONS):
            return run_app(argv)
        from .parser import build_parser

        args = build_parser().parse_args(argv)
        if not getattr(args, "func", None):
            return run_app([])
        return args.func(args)
    except UsageError as e:
        from ..core.terminal import for_terminal

        print(for_terminal(str(e)), file=sys.stderr)  # a usage error may quote the data
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def run_app(argv: list[str]) -> int:
    p = Parser(prog="explorer", description="Open the Explorer window.")
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="dataset folder or .toml file (default: the bundled dataset, or the last one opened)")
    look = p.add_mutually_exclusive_group()
    look.add_argument("--dark", dest="appearance", action="store_const", const="dark", help="dark appearance")
    look.add_argument("--light", dest="appearance", action="store_const", const="light", help="light appearance")
    args = p.parse_args(argv)
    path = dataset_path(args.path) if args.path else None
    from ..ui.shell.app import run

    return run(path, appearance=args.appearance)
