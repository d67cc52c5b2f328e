"""The fast path for well-formed events: check and build in one pass.

Large datasets are almost all valid events, and the generic `schema.Checker`
spends most of its time producing the *possibility* of a good message. This
module checks the same rules with plain type tests; anything it is not sure
about returns None, and the loader runs the generic checker on that table,
which reports the problem with its message and line. So a table is either
built here exactly as the slow path would build it, or not at all
(`tests/test_fastpath.py` compares the two on the bundled dataset and on
synthetic data).
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

from . import model as m
from .dates import DateError, parse_when
from .schema import EVENT, RELATED, SOURCE, _ID

_EV_ALLOWED = EVENT.allowed
_EV_REQUIRED = frozenset(k for k, (_t, req) in EVENT.fields.items() if req)
_SRC_ALLOWED = SOURCE.allowed
_REL_KEYS = RELATED.allowed
_id_ok = _ID.match
_URL = re.compile(r"^https?://", re.IGNORECASE)

Source = m.Source
_when_cache: dict[str, Any] = {}


def _when(v: Any):
    d = _when_cache.get(v)
    if d is None:
        try:
            d = parse_when(v)
        except DateError:
            return None
        if len(_when_cache) < 400_000:
            _when_cache[v] = d
    return d


_STR = {str}


def clear_date_cache() -> None:
    _when_cache.clear()


def _strs(v: Any) -> bool:
    """A list of text (an empty list counts)."""
    return type(v) is list and (not v or set(map(type, v)) == _STR)


def event(t: Any, rel: str) -> m.Event | None:
    """An Event if `t` is a valid [[event]] table with at least one source, else None."""
    if type(t) is not dict:
        return None
    keys = t.keys()
    if not (_EV_REQUIRED <= keys and keys <= _EV_ALLOWED):
        return None
    eid, title, summary, cat, parties, date = t["id"], t["title"], t["summary"], t["category"], t["parties"], t["date"]
    if (type(eid) is not str or type(title) is not str or type(summary) is not str or type(cat) is not str
            or type(date) is not str or not _id_ok(eid) or not _id_ok(cat) or not _strs(parties)):
        return None
    when = _when(date)
    if when is None:
        return None
    names = t.get("names")
    if names is None:
        names = {}
    elif type(names) is not dict:
        return None
    elif names and set(map(type, names.values())) != _STR:
        return None
    places = t.get("places", [])
    tags = t.get("tags", [])
    notes = t.get("notes", "")
    if not _strs(places) or not _strs(tags) or type(notes) is not str:
        return None
    related = []
    rel_raw = t.get("related")
    if rel_raw is not None:
        if type(rel_raw) is not list:
            return None
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
        if type(s) is not dict or "title" not in s or not s.keys() <= _SRC_ALLOWED or not _strs(list(s.values())):
            return None
        url = s.get("url")
        if url and not _URL.match(url):
            return None
        pub = s.get("publisher")
        if pub:  # shared strings: less memory, and the load cache stores them once
            s["publisher"] = intern(pub)
        sources.append(Source(**s))
    return m.Event(eid, when, title, summary, intern(cat), [intern(p) for p in parties], names, places,
                   [intern(x) for x in tags], notes, related, sources, rel)
