"""The Qt-free core: dates, the model, loading and validation, queries.

Nothing in this package may use Qt or pyqtgraph (tests/test_core_is_qt_free.py checks).
The names below are imported on first use, so that importing a light module
(say, the model for a cache hit) does not load the parser and checker too.
"""

from importlib import import_module

_WHERE = {
    "Date": "dates", "DateError": "dates", "Interval": "dates", "parse_when": "dates",
    "LoadResult": "loading", "open_dataset": "loading", "load_dataset": "loading",
    "Dataset": "model", "Event": "model", "Party": "model", "Position": "model",
    "DatasetError": "problems", "Problem": "problems",
    "Filter": "query", "SearchIndex": "query", "match_indexes": "query",
}
__all__ = list(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
