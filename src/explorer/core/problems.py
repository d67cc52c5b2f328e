"""Problems found while loading a dataset, and where in the files they are.

tomli gives no positions for values, so a problem records the *key path*
inside its file (e.g. ``("event", 3, "summary")``) and the line is found
only when a problem is reported, by `locate_keys` scanning that file's text.
Valid datasets therefore pay nothing for locations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .terminal import for_terminal as _for_terminal

ERROR = "error"
WARNING = "warning"


@dataclass(slots=True)
class Problem:
    path: str  # relative to the dataset root
    message: str
    severity: str = ERROR
    line: int = 0
    col: int = 0
    keys: tuple = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.format()

    def format(self, for_terminal: bool = False) -> str:
        """`path:line:col: severity: message`. With `for_terminal`, one line that is safe
        to print: control, bidi and invisible characters from the data (in the path or
        the message) are shown as escapes (see core/terminal.py)."""
        loc = self.path
        if self.line:
            loc += f":{self.line}:{self.col or 1}"
        text = f"{loc}: {self.severity}: {self.message}"
        return _for_terminal(text) if for_terminal else text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class DatasetError(Exception):
    """Loading failed; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        first = str(errors[0]) if errors else "dataset has errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|=)""")


def _strip_key(k: str) -> str:
    k = k.strip()
    if len(k) >= 2 and k[0] == k[-1] and k[0] in "\"'":
        return k[1:-1]
    return k


def locate_keys(text: str) -> dict[tuple, tuple[int, int]]:
    """Map key paths of a TOML document to (line, column), 1-based.

    Array-of-tables headers count occurrences, so ``[[event]]`` number *i*
    maps to ``("event", i)`` and ``[[event.source]]`` under it to
    ``("event", i, "source", j)``. Lines inside multi-line strings are skipped.
    """
    where: dict[tuple, tuple[int, int]] = {}
    counters: dict[tuple, int] = {}
    table: tuple = ()
    in_multiline: str | None = None
    depth = 0  # open brackets of a multi-line array or inline table
    for n, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if in_multiline in line:
                in_multiline = None
            continue
        if depth == 0:
            h = _HEADER.match(line)
            if h:
                parts = [_strip_key(p) for p in h.group(2).split(".")]
                path: list = []
                # resolve parent arrays to their latest element
                for i, part in enumerate(parts):
                    path.append(part)
                    key = tuple(path)
                    last = i == len(parts) - 1
                    if last and h.group(1) == "[[":
                        counters[key] = counters.get(key, -1) + 1
                        path.append(counters[key])
                    elif not last and key in counters:
                        path.append(counters[key])
                table = tuple(path)
                where.setdefault(table, (n, h.start(2) + 1))
                continue
            k = _KEY.match(line)
            if k:
                key = table + (_strip_key(k.group(1)),)
                where.setdefault(key, (n, k.start(1) + 1))
        depth += _bracket_delta(line, depth)
        depth = max(depth, 0)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return where


def _bracket_delta(line: str, depth: int) -> int:
    """Net open brackets on a line, ignoring brackets in strings and comments."""
    delta = 0
    quote = None
    i = 0
    eq = line.find("=")
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#":
            break
        elif c in "[{" and (i > eq >= 0 or depth + delta > 0):
            delta += 1
        elif c in "]}" and (i > eq >= 0 or depth + delta > 0):
            delta -= 1
        i += 1
    return delta


def resolve_lines(problems: list[Problem], texts: dict[str, str]) -> None:
    """Fill in `line`/`col` of problems that carry a key path."""
    cache: dict[str, dict] = {}
    for p in problems:
        if p.line or p.path not in texts:
            continue
        if not p.keys:  # about the file as a whole: point at its start
            p.line, p.col = 1, 1
            continue
        if p.path not in cache:
            cache[p.path] = locate_keys(texts[p.path])
        where = cache[p.path]
        keys = tuple(p.keys)
        while keys:
            if keys in where:
                p.line, p.col = where[keys]
                break
            keys = keys[:-1]
        else:
            p.line, p.col = 1, 1
