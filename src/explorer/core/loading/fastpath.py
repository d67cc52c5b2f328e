"""The fast path for well-formed events: check and build in one pass.

Large datasets are almost all valid events, and the generic `schema.Checker`
spends most of its time producing the *possibility* of a good message. This
module checks the same rules with plain type tests; anything it is not sure
about returns None, and the loader runs the generic checker on that table,
which reports the problem with its message and line. So a table is either
built here exactly as the slow path would build it, or not at all
(`tests/core/test_fastpath_and_cache.py` compares the two on the bundled dataset
and on synthetic data). Each load makes its own `event_builder()`: the caches
of repeated values live and die with it.
"""

from __future__ import annotations

from sys import intern
from typing import Any, Callable

from .. import model as m
from ..dates import DateError, Interval, date_from_parts, days_from_civil, days_in_month, parse_when
from ..details import Details
from ..markup import url_problem
from ..schema import EVENT, RELATED, SOURCE, _ID

_EV_ALLOWED = EVENT.allowed
_EV_REQUIRED = frozenset(k for k, (_t, req) in EVENT.fields.items() if req)
_SRC_ALLOWED = SOURCE.allowed
_REL_KEYS = RELATED.allowed
_id_ok = _ID.fullmatch

Source = m.Source
_tuple_new = tuple.__new__  # a NamedTuple built without its Python-level __new__
_restore = m.restore_event  # an Event built from its parts, as the load cache does
_EMPTY: list = []  # shared: the model is immutable by convention
_EMPTY_MAP: dict = {}
_STR = {str}


def _strs(v: Any) -> bool:
    """A list of text (an empty list counts)."""
    return type(v) is list and (not v or set(map(type, v)) == _STR)


def _month(ym: str):
    """(year, month, day number of its first day, its length) for "YYYY-MM", or False (as `Date.parse`)."""
    y, mo = ym[:4], ym[5:]
    if not (ym.isascii() and y.isdigit() and mo.isdigit()):
        return False
    year, month = int(y), int(mo)
    if not 1 <= month <= 12:
        return False
    return year, month, days_from_civil(year, month, 1), days_in_month(year, month)


def event_builder() -> Callable[[Any, str], "m.Event | None"]:
    """A fresh `event(table, rel)` for one load, with its own caches of repeated values."""
    _when_cache: dict[str, Any] = {}
    _months: dict[str, Any] = {}
    # Repeated values are checked once and shared: categories, party lists and tag lists
    # repeat across thousands of events (less work, and one list instead of 100,000).
    _ids: dict[str, str] = {}
    _lists: dict[tuple, list] = {}

    def _known_id(v: Any) -> str | None:
        got = _ids.get(v) if type(v) is str else None
        if got is None and type(v) is str and _id_ok(v):
            got = _ids[v] = intern(v)
        return got

    def _shared_list(v: Any) -> list | None:
        """The canonical list of text equal to `v`, or None if `v` is not a list of text."""
        if type(v) is not list:
            return None
        if not v:
            return _EMPTY
        try:
            key = tuple(v)
            got = _lists.get(key)
        except TypeError:  # an unhashable item: not text anyway
            return None
        if got is None:
            if not _strs(v):
                return None
            got = _lists[key] = [intern(x) for x in v]
        return got

    def _plain(v: str):
        """YYYY-MM-DD, YYYY-MM or YYYY as `Date.parse` gives it (None: anything else, or invalid)."""
        n = len(v)
        if n == 10 and v[4] == "-" and v[7] == "-" and (day := v[8:]).isascii() and day.isdigit():
            mo = _months.get(ym := v[:7])
            if mo is None:
                mo = _months[ym] = _month(ym)
            if mo and 1 <= (dd := int(day)) <= mo[3]:
                start = mo[2] + dd - 1
                return date_from_parts(mo[0], mo[1], dd, "day", False, False, start, start + 1)
        elif n == 7 and v[4] == "-":
            mo = _months.get(v)
            if mo is None:
                mo = _months[v] = _month(v)
            if mo:
                return date_from_parts(mo[0], mo[1], None, "month", False, False, mo[2], mo[2] + mo[3])
        elif n == 4 and v.isascii() and v.isdigit():
            year = int(v)
            return date_from_parts(year, None, None, "year", False, False, days_from_civil(year, 1, 1),
                                  days_from_civil(year + 1, 1, 1))
        return None

    def _when(v: str):
        d = _when_cache.get(v)
        if d is None:
            # the common forms are built here, each part's first day number computed once (as Date.parse)
            if "/" in v:
                a, _, b = v.partition("/")
                first, last = _plain(a), _plain(b)
                if first is not None and last is not None and last.end > first.start:
                    d = Interval(first, last)
            else:
                d = _plain(v)
            if d is None:
                try:
                    d = parse_when(v)
                except DateError:
                    return None
            if len(_when_cache) < 400_000:
                _when_cache[v] = d
        return d

    def event(t: Any, rel: str) -> m.Event | None:
        """An Event if `t` is a valid [[event]] table with at least one source, else None."""
        if type(t) is not dict:
            return None
        keys = t.keys()
        if not (_EV_REQUIRED <= keys and keys <= _EV_ALLOWED):
            return None
        eid, title, summary, date = t["id"], t["title"], t["summary"], t["date"]
        if (type(eid) is not str or type(title) is not str or type(summary) is not str or type(date) is not str
                or not _id_ok(eid)):
            return None
        cat = _known_id(t["category"])
        parties = _shared_list(t["parties"])
        if cat is None or parties is None:
            return None
        when = _when(date)
        if when is None:
            return None
        names = t.get("names")
        if names is None:
            names = _EMPTY_MAP
        elif type(names) is not dict:
            return None
        elif names and set(map(type, names.values())) != _STR:
            return None
        places = _shared_list(t["places"]) if "places" in t else _EMPTY
        tags = _shared_list(t["tags"]) if "tags" in t else _EMPTY
        notes = t.get("notes", "")
        misconception = t.get("misconception", "")
        reported = t.get("reported", "")
        if (places is None or tags is None or type(notes) is not str or type(misconception) is not str
                or type(reported) is not str):
            return None
        related = _EMPTY
        rel_raw = t.get("related")
        if rel_raw is not None and type(rel_raw) is not list:
            return None
        if rel_raw:
            related = []
            for r in rel_raw:
                if type(r) is not dict or r.keys() != _REL_KEYS:
                    return None
                rid, relation = r["id"], r["relation"]
                if type(rid) is not str or type(relation) is not str or not _id_ok(rid):
                    return None
                related.append(m.Relation(rid, relation))
        src_raw = t.get("source")
        if type(src_raw) is not list or not src_raw:
            return None  # no source: the slow path adds its warning
        sources = []
        for s in src_raw:
            if (type(s) is not dict or "title" not in s or not s.keys() <= _SRC_ALLOWED
                    or set(map(type, s.values())) != _STR):
                return None
            url = s.get("url")
            if url is None:
                url = ""
            elif url_problem(url):
                return None  # the slow path reports it (an empty url too)
            pub = s.get("publisher", "")
            if pub:  # shared strings: less memory, and the load cache stores them once
                pub = intern(pub)
            sources.append(_tuple_new(Source, (s["title"], url, pub, s.get("quote", ""), s.get("page", ""),
                                               s.get("accessed", ""))))
        return _restore(eid, when, title, cat, parties, tags, related, rel,
                        _tuple_new(Details, (summary, notes, names, places, sources, misconception, reported)))

    return event
