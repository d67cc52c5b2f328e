"""What every subcommand shares: usage errors, the dataset path, loading and the filter options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.dates import DateError
from ..core.model import Dataset, Event
from ..core.query import Filter, date_bound, match_indexes
from ..core.terminal import for_terminal


def say(text: object = "", file=None) -> None:
    """Print one line of output: data text can neither move the cursor, retitle the terminal nor
    forge a line (control, bidi and invisible characters are shown as escapes)."""
    print(for_terminal(str(text)), file=file or sys.stdout)


def json_out(obj) -> None:
    """JSON on stdout; on a terminal, every character outside ASCII is escaped (bidi, C1, DEL)."""
    import json

    json.dump(obj, sys.stdout, ensure_ascii=sys.stdout.isatty(), indent=2)
    print()


def json_lines_out(lines) -> None:
    """A JSON array on stdout, one item a line, from each item's JSON text (see `data.events_json_text`;
    escaped as `json_out` does: ASCII only on a terminal), written in pieces of about a megabyte
    whatever the buffering of stdout."""
    out, size, first = ["["], 1, True
    for text in lines:
        out.append("\n" + text if first else ",\n" + text)
        size += len(text) + 2
        first = False
        if size >= 2**20:
            sys.stdout.write("".join(out))
            out, size = [], 0
    out.append("]\n" if first else "\n]\n")
    sys.stdout.write("".join(out))
    sys.stdout.flush()


def load(path, **options):
    """`core.loading.open_dataset`, imported when first needed: the app's start does not parse."""
    from ..core.loading import open_dataset

    return open_dataset(path, **options)


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with a one-line message
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: error: {message}")


def bundled() -> Path:
    from ..resources import bundled_dataset

    return bundled_dataset()


def dataset_path(arg: str | None) -> Path:
    if arg is None:
        return bundled()
    import stat

    p = Path(arg)
    shown = for_terminal(arg)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise UsageError(f"explorer: error: no such file or folder: {shown}") from None
    except PermissionError:
        raise UsageError(f"explorer: error: cannot reach {shown} (permission denied on a folder above it)") from None
    except OSError as e:
        raise UsageError(f"explorer: error: cannot open {shown}: {e.strerror or e}") from None
    if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        raise UsageError(f"explorer: error: {shown} is not a regular file or a folder (a pipe or a device?); "
                         "give a dataset folder or a .toml file")
    if not os.access(p, os.R_OK | (os.X_OK if stat.S_ISDIR(st.st_mode) else 0)):
        raise UsageError(f"explorer: error: cannot read {shown} (permission denied)")
    return p


from ..core.output import dataset_inputs as inputs_of  # noqa: E402 - what an export must not overwrite


def load_or_fail(path: Path, **options) -> Dataset | None:
    result = load(path, **options)
    if result.dataset is None:
        for p in result.problems:
            say(f"{path}/{p}" if path.is_dir() else str(p), file=sys.stderr)
        say(f"explorer: {path}: {len(result.errors)} error(s); nothing loaded", file=sys.stderr)
        return None
    return result.dataset


def filter_from(args) -> Filter:
    try:
        start = date_bound(args.from_) if getattr(args, "from_", None) else None
        end = date_bound(args.to, upper=True) if getattr(args, "to", None) else None
    except DateError as e:
        raise UsageError(f"explorer: error: {e}") from None
    cats = frozenset(args.category or ())
    parties = frozenset(args.party or ())
    return Filter(args.query or "", cats, parties, frozenset(getattr(args, "tag", None) or ()), start, end)


def check_ids(ds: Dataset, args) -> None:
    for c in args.category or ():
        if c not in ds.categories:
            raise UsageError(f"explorer: error: unknown category `{c}` (known: {', '.join(ds.categories)})")
    for p in args.party or ():
        if p not in ds.parties:
            raise UsageError(f"explorer: error: unknown party `{p}` (known: {', '.join(ds.parties)})")


def load_and_select(args) -> tuple[Dataset | None, list[Event]]:
    """The dataset named by args.path and its events matching the filter options."""
    ds = load_or_fail(dataset_path(args.path))
    if ds is None:
        return None, []
    check_ids(ds, args)
    return ds, [ds.events[i] for i in match_indexes(ds, filter_from(args))]


