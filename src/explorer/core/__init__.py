"""The Qt-free core: dates, the model, loading and validation, queries.

Nothing in this package may use Qt or pyqtgraph (tests/test_core_is_qt_free.py checks).
"""

from .dates import Date, DateError, Interval, parse_when
from .loader import LoadResult, load, load_dataset
from .model import Dataset, Event, Party, Position
from .problems import DatasetError, Problem
from .query import Filter, SearchIndex, select

__all__ = [
    "Date", "DateError", "Interval", "parse_when", "LoadResult", "load", "load_dataset",
    "Dataset", "Event", "Party", "Position", "DatasetError", "Problem", "Filter",
    "SearchIndex", "select",
]
