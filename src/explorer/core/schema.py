"""The dataset schema: which keys each table may hold, and their types.

`Checker.table` validates one parsed TOML table against a `Spec`, appending
`Problem`s (with key paths, see `problems.py`) instead of raising, so every
problem in a dataset is reported in one pass.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .dates import DateError, Date, Interval, parse_when
from .markup import url_problem
from .problems import ERROR, WARNING, Problem
from .terminal import for_terminal

RELATIONS = (
    "implements", "supersedes", "responds-to", "invokes", "repudiates",
    "follows", "part-of", "contradicts", "see-also", "causes",
)

# \A…\Z, never ^…$: `$` also matches before a trailing newline, so "e1\n" passed.
# Used with fullmatch (the anchors keep a stray `.match` exact too).
_COLOR = re.compile(r"\A#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z")
_ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_.-]*\Z")


@dataclass
class Spec:
    """Keys of one kind of table: name -> (type, required)."""

    what: str  # "event", "party", ... used in messages
    fields: dict[str, tuple[Any, bool]]
    id_key: str | None = "id"
    allowed: frozenset = field(init=False)

    def __post_init__(self) -> None:
        self.allowed = frozenset(self.fields)


def _type_name(value: Any) -> str:
    return {
        bool: "true/false", int: "a number", float: "a number", str: "text",
        list: "a list", dict: "a table",
    }.get(type(value), type(value).__name__)


def shown(value: str, limit: int = 80) -> str:
    """Data text quoted in a message: invisible and control characters made visible
    (an id `e1\\n` reads as such, and cannot start a forged line), at most `limit` characters."""
    if len(value) > limit:
        value = value[:limit] + "…"
    return for_terminal(value)


def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class Checker:
    """Collects problems for one file."""

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = problems

    def error(self, keys: tuple, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.path, message, severity, keys=keys))

    def warn(self, keys: tuple, message: str) -> None:
        self.error(keys, message, WARNING)

    # -- one table ---------------------------------------------------------
    def table(self, obj: Any, spec: Spec, keys: tuple) -> dict | None:
        """Check `obj` against `spec`; return converted values, or None."""
        label = self.label(obj, spec)
        if not isinstance(obj, dict):
            self.error(keys, f"{label} must be a table, not {_type_name(obj)}")
            return None
        out: dict[str, Any] = {}
        ok = True
        extra = obj.keys() - spec.allowed
        for k in sorted(extra):
            self.error(keys + (k,), f"unknown key `{shown(k)}` in {label}{suggest(k, spec.allowed)}")
            ok = False
        for name, (kind, required) in spec.fields.items():
            if name not in obj:
                if required:
                    self.error(keys, f"{label}: missing required field `{name}`")
                    ok = False
                continue
            value = obj[name]
            try:
                out[name] = self.convert(value, kind, keys + (name,), label, name)
            except _Bad as bad:
                self.error(keys + (name,) + bad.sub, f"{label}: field `{name}` {bad}")
                ok = False
        return out if ok else None

    def label(self, obj: Any, spec: Spec) -> str:
        if spec.id_key and isinstance(obj, dict):
            ident = obj.get(spec.id_key)
            if isinstance(ident, str) and ident:
                return f"{spec.what} `{shown(ident)}`"
        return spec.what

    def convert(self, value: Any, kind: Any, keys: tuple, label: str, name: str) -> Any:
        if isinstance(kind, Spec):  # array of tables
            if not isinstance(value, list):
                raise _Bad(f"must be a list of tables, not {_type_name(value)}")
            items = []
            for i, item in enumerate(value):
                checked = self.table(item, kind, keys + (i,))
                if checked is not None:
                    items.append(checked)
            return items
        return CONVERTERS[kind](value)


class _Bad(ValueError):
    def __init__(self, message: str, sub: tuple = ()):
        super().__init__(message)
        self.sub = sub


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise _Bad(f"must be text, not {_type_name(v)} ({v!r})")
    return v


def _ident(v: Any) -> str:
    _text(v)
    if not _ID.fullmatch(v):
        raise _Bad(f"`{shown(v)}` is not a valid id (letters, digits, `-`, `_`, `.`)")
    return v


def _color(v: Any) -> str:
    _text(v)
    if not _COLOR.fullmatch(v):
        raise _Bad(f"`{shown(v)}` is not a colour like `#1f77b4`")
    return v


def _url(v: Any) -> str:
    _text(v)
    why = url_problem(v)
    if why:
        raise _Bad(f"{why}: `{shown(v)}`")
    return v


def schema_version_problem(value: Any) -> str | None:
    """Why a top-level `schema = …` is not one this version reads, or None.

    Exactly the integer SCHEMA_VERSION: `true` and `1.0` compare equal to 1 in
    Python but are not the number the format asks for."""
    if type(value) is int:
        if value == SCHEMA_VERSION:
            return None
        return f"unsupported `schema = {value}`; this version of Explorer reads schema {SCHEMA_VERSION}"
    if isinstance(value, bool):
        what = f"`{str(value).lower()}` (true/false)"
    elif isinstance(value, float):
        what = f"`{value}` (a decimal number)"
    else:
        what = f"{_type_name(value)} `{shown(repr(value))}`"
    return f"`schema` must be the whole number {SCHEMA_VERSION} (`schema = {SCHEMA_VERSION}`), not {what}"


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise _Bad(f"must be a whole number, not {_type_name(v)}")
    return v


def _float(v: Any) -> float:
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise _Bad(f"must be a number, not {_type_name(v)}")
    return float(v)


def _text_list(v: Any) -> list[str]:
    if not isinstance(v, list):
        raise _Bad(f"must be a list of text, not {_type_name(v)}")
    for i, item in enumerate(v):
        if not isinstance(item, str):
            raise _Bad(f"item {i + 1} must be text, not {_type_name(item)}")
    return v


def _text_map(v: Any) -> dict[str, str]:
    if not isinstance(v, dict):
        raise _Bad(f"must be a table of text (like {{ ja = \"…\" }}), not {_type_name(v)}")
    for k, item in v.items():
        if not isinstance(item, str):
            raise _Bad(f"entry `{k}` must be text, not {_type_name(item)}", (k,))
    return v


_DATE_CACHE: dict[str, Any] = {}


def _cached(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def conv(v: Any) -> Any:
        key = (parse, v) if isinstance(v, str) else None
        if key is not None and key in _DATE_CACHE:
            return _DATE_CACHE[key]
        if not isinstance(v, str):
            raise _Bad(f"must be a date written as text (like \"1945-09-02\"), not {_type_name(v)}")
        try:
            d = parse(v)
        except DateError as e:
            raise _Bad(f"is not a valid date: {e}") from None
        if len(_DATE_CACHE) < 200_000:
            _DATE_CACHE[key] = d
        return d

    return conv


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "url": _url,
    "id": _ident,
    "color": _color,
    "int": _int,
    "float": _float,
    "text-list": _text_list,
    "text-map": _text_map,
    "date": _cached(Date.parse),
    "interval": _cached(Interval.parse),
    "when": _cached(parse_when),
}

SOURCE = Spec("source", {
    "title": ("text", True), "url": ("url", False), "publisher": ("text", False),
    "quote": ("text", False), "page": ("text", False), "accessed": ("text", False),
}, id_key="title")

RELATED = Spec("related event", {"id": ("id", True), "relation": ("text", True)})

PERIOD = Spec("name period", {"name": ("text", True), "date": ("interval", True)}, id_key="name")

DATASET = Spec("[dataset]", {
    "id": ("id", True), "title": ("text", True), "description": ("text", True),
    "language": ("text", True), "sides": ("text-list", False), "license": ("text", False),
    "authors": ("text-list", False), "version": ("text", False),
    "question": ("text", False), "introduction": ("text", False),
}, id_key=None)

PARTY = Spec("party", {
    "id": ("id", True), "name": ("text", True), "color": ("color", True),
    "short": ("text", False), "names": ("text-map", False), "period": (PERIOD, False),
})

CATEGORY = Spec("category", {"id": ("id", True), "name": ("text", True), "color": ("color", True)})

ERA = Spec("era", {
    "name": ("text", True), "date": ("interval", True), "color": ("color", True),
    "description": ("text", False),
}, id_key="name")

PLACE = Spec("place", {
    "id": ("id", True), "name": ("text", True), "names": ("text-map", False),
    "romanized": ("text-map", False), "lat": ("float", False), "lon": ("float", False),
    "note": ("text", False),
})

EVENT = Spec("event", {
    "id": ("id", True), "date": ("when", True), "title": ("text", True),
    "summary": ("text", True), "category": ("id", True), "parties": ("text-list", True),
    "names": ("text-map", False), "places": ("text-list", False), "tags": ("text-list", False),
    "notes": ("text", False), "related": (RELATED, False), "source": (SOURCE, False),
    "misconception": ("text", False), "reported": ("text", False),
})

POSITION = Spec("position", {
    "id": ("id", False), "party": ("id", True), "since": ("date", True), "until": ("date", False),
    "stance": ("text", True), "rationale": ("text-list", False), "event": ("id", False),
    "source": (SOURCE, False), "notes": ("text", False),
})

STEP = Spec("story step", {"event": ("id", True), "narrative": ("text", True)}, id_key="event")

STORY = Spec("story", {
    "id": ("id", True), "title": ("text", True), "description": ("text", False),
    "step": (STEP, True),
})

# the map (checked and built by core/geo_load.py)
MAP = Spec("[map]", {"geometry": ("text", True), "attribution": ("text", False)}, id_key=None)
REGION = Spec("region", {
    "id": ("id", True), "name": ("text", True), "names": ("text-map", False), "feature": ("text", False),
    "places": ("text-list", False), "note": ("text", False),
})
CONTROL = Spec("control", {
    "region": ("id", True), "party": ("id", True), "kind": ("text", True), "since": ("date", True),
    "until": ("date", False), "event": ("id", False), "source": (SOURCE, False), "note": ("text", False),
}, id_key="region")
BOUNDARY = Spec("boundary", {
    "id": ("id", True), "name": ("text", True), "since": ("date", True), "until": ("date", False),
    "event": ("id", False), "feature": ("text", False), "source": (SOURCE, False), "note": ("text", False),
})

TOP_LEVEL = {
    "schema": None, "dataset": DATASET, "party": PARTY, "category": CATEGORY,
    "era": ERA, "place": PLACE, "event": EVENT, "position": POSITION, "story": STORY,
    "map": MAP, "region": REGION, "control": CONTROL, "boundary": BOUNDARY,
}
SCHEMA_VERSION = 1
