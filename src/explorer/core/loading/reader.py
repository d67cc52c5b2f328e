"""A fast reader for the plain TOML of event files; anything else goes to tomli.

Event files are almost always `[[event]]` tables with `[[event.source]]`
sub-tables, whose values are basic strings, arrays of strings, inline tables
of strings and arrays of such inline tables. This module reads exactly that
subset with one regular expression per statement, about twice as fast as
tomli, and returns what `tomli.loads` returns for the same text. On anything
outside the subset (escapes, literal or multi-line strings, numbers, dates,
dotted or quoted keys, comments inside arrays, other tables, keys before the
first table, a duplicate key, a syntax error) it raises `NotPlain`, and the
caller parses the file with tomli, which gives its own values and messages.
So a file is either read here exactly as tomli reads it, or not at all
(`tests/core/test_reader.py` compares the two on real, synthetic and mutated
files).
"""

from __future__ import annotations

import re


class NotPlain(Exception):
    """The text is outside the subset read here: parse it with tomli."""


_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'  # a character of a basic string without escapes (tab allowed)
_TCHAR = r'[^"\\{}\x00-\x08\x0a-\x1f\x7f]'  # the same inside inline tables: no braces, so tables split safely
_STR = f'"{_CHAR}*"'
_TSTR = f'"{_TCHAR}*"'
_KEY = r"[A-Za-z0-9_-]+"
_WS = r"[ \t]*"
_NL = r"[ \t\n]*"  # between array items (no comments: those go to tomli)
_COMMENT = r"#[^\x00-\x08\x0a-\x1f\x7f]*"
_PAIR = f"{_KEY}{_WS}={_WS}{_TSTR}{_WS}"
_TABLE = rf"\{{{_WS}(?:(?:{_PAIR},{_WS})*{_PAIR})?\}}"
_EOL = rf"{_WS}(?:{_COMMENT})?\n"  # the end of a line
# One match per statement (and the blank and comment lines around it):
_STATEMENT = re.compile(
    rf"(?:{_WS}(?:{_COMMENT})?\n)*{_WS}(?:"
    rf"\[\[{_WS}(event(?:{_WS}\.{_WS}source)?){_WS}\]\]"  # 1: [[event]] or [[event.source]]
    rf"|({_KEY}){_WS}={_WS}(?:"  # 2: key =
    rf'"({_CHAR}*)"'  # 3: "text"
    rf"|\[((?:{_NL}{_STR}{_NL},)*{_NL}(?:{_STR}{_NL})?)\]"  # 4: ["text", ...]
    rf"|({_TABLE})"  # 5: {{ k = "text", ... }}
    rf"|\[((?:{_NL}{_TABLE}{_NL},)*{_NL}(?:{_TABLE}{_NL})?)\]"  # 6: [{{ k = "text" }}, ...]
    rf")){_EOL}"
)
_REST = re.compile(rf"(?:{_WS}(?:{_COMMENT})?\n)*")
_STRINGS = re.compile(f'"({_CHAR}*)"')
_PAIRS = re.compile(rf'({_KEY}){_WS}={_WS}"({_TCHAR}*)"')
_TABLES = re.compile(r"\{[^}]*\}")


def _table(text: str, pairs=_PAIRS.findall) -> dict:
    found = pairs(text)
    table = dict(found)
    if len(table) != len(found):
        raise NotPlain("duplicate key in an inline table")
    return table


def read(text: str) -> dict:
    """What `tomli.loads(text)` returns, for an event file in the plain subset; else `NotPlain`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a lone CR is left for the pattern to refuse
    if not text.endswith("\n"):
        text += "\n"
    events: list[dict] = []
    event: dict | None = None
    table: dict = {}  # where keys go: the event or its current source (none before the first header)
    sources: list | None = None  # the current event's [[event.source]] array
    strings = _STRINGS.findall
    match = _STATEMENT.scanner(text).match  # each match starts where the last one ended
    last = None
    while m := match():
        last = m
        header, key, string, array, inline, tables = m.groups()
        if key is not None:
            if key in table or event is None:
                raise NotPlain("a key outside [[event]], or defined twice")
            if string is not None:
                table[key] = string
            elif array is not None:
                table[key] = strings(array)
            elif inline is not None:
                table[key] = _table(inline[1:-1])
            else:
                table[key] = [_table(t[1:-1]) for t in _TABLES.findall(tables)]
        elif header == "event":
            event = table = {}
            events.append(event)
            sources = None
        else:
            if event is None:
                raise NotPlain("[[event.source]] before any [[event]]")
            if sources is None:
                if "source" in event:  # `source = ...` already set in the event: tomli's error
                    raise NotPlain("source defined twice")
                sources = event["source"] = []
            table = {}
            sources.append(table)
    if _REST.match(text, last.end() if last is not None else 0).end() != len(text):
        raise NotPlain("outside the plain subset")
    return {"event": events} if events else {}
