"""A small TOML writer for what importers produce: strings, numbers, booleans,
lists of those, inline tables of strings, and arrays of tables.

(Explorer only reads TOML with tomli; this writes the few shapes it needs, with
every string escaped, so no extra dependency is needed.)
"""

from __future__ import annotations

import re

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else _str(k)


def _str(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return _str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _table_body(t: dict, prefix: str, indent: str) -> list[str]:
    lines, subs = [], []
    for k, v in t.items():
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v) and k in ("source", "period", "step"):
            subs.append((k, v))
        else:
            lines.append(f"{indent}{_key(k)} = {_value(v)}")
    for k, items in subs:
        for item in items:
            lines.append("")
            lines.append(f"{indent}  [[{prefix}.{k}]]")
            lines += _table_body(item, f"{prefix}.{k}", indent + "  ")
    return lines


def dumps_tables(doc: dict) -> str:
    """`doc`: top-level scalars, tables (dict) and arrays of tables (list of dict)."""
    lines: list[str] = []
    for k, v in doc.items():
        if not isinstance(v, (dict, list)) or (isinstance(v, list) and not all(isinstance(x, dict) for x in v)):
            lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += ["", f"[{_key(k)}]"] + _table_body(v, k, "")
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for item in v:
                lines += ["", f"[[{_key(k)}]]"] + _table_body(item, k, "")
    return "\n".join(lines).lstrip("\n") + "\n"
