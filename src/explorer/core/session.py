"""The session model: what the reader is looking at, and every behaviour that is not drawing.

Qt-free, in the spirit of napari's `ViewerModel`: it holds the dataset and its
path, the selected event, the cursor day, the filter and its matches, the lane
mode, the story step and the visible range, and emits a small `Signal` when one
of them changes. The window (`ui/shell/`) is an adapter: its actions call these
methods and its widgets observe the signals. Tests, `explorer screenshot` and
the self-test drive the app through this API, never through a widget.
"""

from __future__ import annotations

import bisect
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path


from .layout import LANE_MODES
from .model import Dataset, Event, Position
from .query import Filter, SearchIndex, match_indexes, next_match
from .signal import Signal

DAYS_PER_YEAR = 365.2425  # the mean Gregorian year
STORY_SPAN_DAYS = DAYS_PER_YEAR * 12  # a story step shows twelve years around its event
CURSOR_STEP = 1 / 60  # Shift+arrow moves the cursor by this share of the visible range
VISIBLE_MARGIN = 0.08  # a date nearer the edge than this share is scrolled into view
MIN_SPAN_DAYS = 3.0
BACKGROUND_INDEX_FROM = 5000  # events: bigger datasets build their search index on a thread
EXPORT_SCOPES = ("selected", "view", "matching", "all")

_INDEXER: ThreadPoolExecutor | None = None


def _indexer() -> ThreadPoolExecutor:
    global _INDEXER
    if _INDEXER is None:
        _INDEXER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
    return _INDEXER


def fit_range(dataset: Dataset) -> tuple[float, float]:
    """The range that shows the whole dataset, with room on the right for the last label."""
    lo, hi = dataset.span()
    span = max(hi - lo, 30)
    return lo - span * 0.03, hi + span * 0.09


def lane_modes(dataset: Dataset | None) -> list[str]:
    """The lane modes this dataset can be shown in ("party" needs events with parties)."""
    if dataset is None:
        return list(LANE_MODES)
    modes = []
    if any(e.parties for e in dataset.events):
        modes.append("party")
    modes.append("category")
    return modes


class Session:
    """State and behaviour of one window, observable through its signals."""

    def __init__(self) -> None:
        self.dataset: Dataset | None = None
        self.path: Path | None = None
        self.selected = -1  # index into dataset.events
        self.cursor = 0.0  # day number
        self.view = (0.0, 365.0)  # visible range, day numbers
        self.filter = Filter()
        self.matches: list[int] | None = None  # None: no search or filter active
        self.preferred_lane_mode = "party"  # what the reader chose; used where the dataset allows
        self.lane_mode = "party"
        self.story_step = -1  # -1: not in story mode
        self.pinned: float | None = None  # a second date to compare the cursor with
        self._index: SearchIndex | None = None
        self._index_future: Future | None = None

        self.dataset_changed = Signal("dataset_changed")  # (dataset, path)
        self.selection_changed = Signal("selection_changed")  # (index)
        self.cursor_changed = Signal("cursor_changed")  # (day)
        self.view_changed = Signal("view_changed")  # (lo, hi, origin)
        self.filter_changed = Signal("filter_changed")  # (filter, matches or None)
        self.lane_mode_changed = Signal("lane_mode_changed")  # (mode)
        self.story_changed = Signal("story_changed")  # (step index, -1 when story mode ends)
        self.pin_changed = Signal("pin_changed")  # (day or None)

    # -- dataset -------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset, path: str | Path | None = None, *, keep_view: bool = False) -> None:
        """Show `dataset`; with `keep_view` (a reload) the view, cursor and selected event stay."""
        keep_id = self.selected_event().id if keep_view and self.selected_event() else None
        view, cursor = self.view, self.cursor
        self.dataset = dataset
        self.path = Path(path) if path is not None else None
        self.selected = -1
        self._index = None
        big = len(dataset.events) > BACKGROUND_INDEX_FROM
        self._index_future = _indexer().submit(SearchIndex, dataset) if big else None
        modes = lane_modes(dataset)
        self.lane_mode = self.preferred_lane_mode if self.preferred_lane_mode in modes else modes[0]
        if self.story_step >= 0 and not keep_view:
            self.story_step = -1
        lo, hi = dataset.span()
        if not keep_view:
            view = fit_range(dataset)
            cursor = float(max(lo, hi - 1))  # open on "today": the latest positions
        self.dataset_changed.emit(dataset, self.path)
        self.view, self.cursor = view, cursor  # after the adapters laid the data out (they may report a range)
        self.lane_mode_changed.emit(self.lane_mode)
        self.view_changed.emit(*self.view, None)
        self.cursor_changed.emit(self.cursor)
        self._recompute_matches()
        if keep_id is not None:
            self.select_id(keep_id, move_cursor=False, reveal=False)
        else:
            self.selection_changed.emit(-1)

    # -- selection -------------------------------------------------------------------
    def selected_event(self) -> Event | None:
        ds = self.dataset
        return ds.events[self.selected] if ds is not None and 0 <= self.selected < len(ds.events) else None

    def select_index(self, index: int, *, move_cursor: bool = True, reveal: bool = True) -> None:
        ds = self.dataset
        if ds is None or not ds.events:
            return
        self.selected = max(0, min(index, len(ds.events) - 1))
        ev = ds.events[self.selected]
        if move_cursor:
            self.set_cursor(ev.start)
        if reveal:
            self.ensure_visible(ev.start)
        self.selection_changed.emit(self.selected)

    def select_id(self, event_id: str, *, move_cursor: bool = True, reveal: bool = True) -> bool:
        i = self.dataset.index_of(event_id) if self.dataset is not None else -1
        if i >= 0:
            self.select_index(i, move_cursor=move_cursor, reveal=reveal)
        return i >= 0

    def clear_selection(self) -> None:
        if self.selected != -1:
            self.selected = -1
            self.selection_changed.emit(-1)

    def index_at_cursor(self) -> int:
        """Index of the first event starting at or after the cursor (events are in date order)."""
        return bisect.bisect_left(self.dataset.events, self.cursor, key=lambda e: e.date.start)

    def step_selection(self, step: int) -> None:
        """Next (+1) or previous (-1) event; from the cursor when nothing is selected."""
        if self.dataset is None:
            return
        if self.selected < 0:
            i = self.index_at_cursor()
            self.select_index(i if step > 0 else i - 1)
        else:
            self.select_index(self.selected + step)

    def select_first(self) -> None:
        self.select_index(0)

    def select_last(self) -> None:
        if self.dataset is not None:
            self.select_index(len(self.dataset.events) - 1)

    # -- cursor and view ---------------------------------------------------------------
    def set_cursor(self, day: float) -> None:
        day = float(day)
        if day != self.cursor:
            self.cursor = day
            self.cursor_changed.emit(day)

    def step_cursor(self, direction: int) -> None:
        lo, hi = self.view
        self.set_cursor(self.cursor + direction * (hi - lo) * CURSOR_STEP)
        self.ensure_visible(self.cursor)

    def jump_to(self, day: float) -> None:
        """Move the cursor to `day` and bring it into view."""
        self.set_cursor(day)
        self.ensure_visible(day)

    def set_view(self, lo: float, hi: float, origin: object = None) -> None:
        """The visible range; `origin` is the adapter that reports a change it made itself."""
        if hi - lo < MIN_SPAN_DAYS:
            mid = (lo + hi) / 2
            lo, hi = mid - MIN_SPAN_DAYS / 2, mid + MIN_SPAN_DAYS / 2
        if (lo, hi) != self.view:
            self.view = (float(lo), float(hi))
            self.view_changed.emit(self.view[0], self.view[1], origin)

    def _clamped(self, lo: float, hi: float) -> tuple[float, float]:
        """Shift [lo, hi] so it stays inside the data where it can (no decades of empty axis)."""
        if self.dataset is None:
            return lo, hi
        d_lo, d_hi = fit_range(self.dataset)
        span = hi - lo
        if span >= d_hi - d_lo:
            return lo, hi
        if lo < d_lo:
            return d_lo, d_lo + span
        if hi > d_hi:
            return d_hi - span, d_hi
        return lo, hi

    def ensure_visible(self, day: float) -> None:
        lo, hi = self.view
        margin = (hi - lo) * VISIBLE_MARGIN
        if day < lo + margin or day > hi - margin:
            span = hi - lo
            self.set_view(*self._clamped(day - span / 2, day + span / 2))

    def fit_all(self) -> None:
        if self.dataset is not None:
            self.set_view(*fit_range(self.dataset))

    def zoom(self, factor: float, center: float | None = None) -> None:
        """factor < 1 zooms in; around the cursor when it is visible."""
        lo, hi = self.view
        if center is None:
            center = self.cursor if lo <= self.cursor <= hi else (lo + hi) / 2
        span = max((hi - lo) * factor, MIN_SPAN_DAYS)
        frac = (center - lo) / (hi - lo) if hi > lo else 0.5
        self.set_view(center - span * frac, center - span * frac + span)

    def zoom_to_selected(self) -> None:
        """Zoom to the selected event with its neighbours in view."""
        ev = self.selected_event()
        if ev is None:
            return
        events, i = self.dataset.events, self.selected
        lo, hi = ev.start, ev.end
        if i > 0:
            lo = min(lo, events[i - 1].start)
        if i + 1 < len(events):
            hi = max(hi, events[i + 1].start)
        span = max(hi - lo, (ev.end - ev.start) * 3, 120)
        mid = (lo + hi) / 2
        self.set_view(mid - span * 0.6, mid + span * 0.6)

    def events_in_view(self) -> list[Event]:
        if self.dataset is None:
            return []
        lo, hi = self.view
        return [e for e in self.dataset.events if e.end > lo and e.start < hi]

    # -- search and filters -----------------------------------------------------------
    def set_filter(self, flt: Filter) -> None:
        self.filter = flt
        self._recompute_matches()

    def _recompute_matches(self) -> None:
        ds, flt = self.dataset, self.filter
        if ds is None:
            return
        if not flt.active:
            self.matches = None
        else:
            if flt.query.strip() and self._index is None:
                fut = self._index_future
                self._index = fut.result() if fut is not None else SearchIndex(ds)
            self.matches = match_indexes(ds, flt, self._index)
        self.filter_changed.emit(flt, self.matches)

    def step_match(self, step: int) -> None:
        """Select the next (or previous) matching event after the selection."""
        if self.matches is None:
            if not self.filter.active and self.dataset:
                self.step_selection(step)
            return
        current = self.selected
        if current < 0:
            current = self.index_at_cursor() - (1 if step > 0 else 0)
        i = next_match(self.matches, current, step)
        if i >= 0:
            self.select_index(i)

    def match_position(self) -> int:
        """1-based place of the selected event among the matches (0 when it is not one)."""
        if self.matches is None or self.selected < 0:
            return 0
        i = bisect.bisect_left(self.matches, self.selected)
        return i + 1 if i < len(self.matches) and self.matches[i] == self.selected else 0

    def filter_region(self, region_id: str | None) -> None:
        """Show only the events about a map region (its places); None clears it."""
        geo = self.dataset.geo if self.dataset is not None else None
        if region_id is None or geo is None or region_id not in geo.regions:
            self.set_filter(Filter(self.filter.query, self.filter.categories, self.filter.parties, self.filter.tags))
            return
        self.set_filter(Filter(self.filter.query, self.filter.categories, self.filter.parties, self.filter.tags,
                               places=frozenset(geo.places_of(region_id)), label=geo.regions[region_id].name))

    # -- lanes ---------------------------------------------------------------------
    def set_lane_mode(self, mode: str, *, remember: bool = True) -> None:
        if remember:
            self.preferred_lane_mode = mode
        if mode not in lane_modes(self.dataset):
            return
        if mode != self.lane_mode:
            self.lane_mode = mode
            self.lane_mode_changed.emit(mode)

    # -- story ------------------------------------------------------------------------
    @property
    def story(self):
        return self.dataset.stories[0] if self.dataset is not None and self.dataset.stories else None

    def start_story(self) -> None:
        if self.story is not None and self.story.steps:
            self.story_step = -1
            self.go_to_step(0)

    def stop_story(self) -> None:
        if self.story_step >= 0:
            self.story_step = -1
            self.story_changed.emit(-1)

    def go_to_step(self, n: int) -> None:
        story = self.story
        if story is None or not story.steps:
            return
        n = max(0, min(n, len(story.steps) - 1))
        self.story_step = n
        if self.select_id(story.steps[n].event, reveal=False):
            start = self.selected_event().start
            self.set_view(*self._clamped(start - STORY_SPAN_DAYS / 2, start + STORY_SPAN_DAYS / 2))
        self.story_changed.emit(n)

    def next_step(self) -> None:
        if self.story_step >= 0:
            self.go_to_step(self.story_step + 1)

    def previous_step(self) -> None:
        if self.story_step >= 0:
            self.go_to_step(self.story_step - 1)

    # -- positions and compare ----------------------------------------------------------
    def positions_now(self) -> dict[str, Position | None]:
        return self.dataset.positions_at(self.cursor) if self.dataset is not None else {}

    def pin(self, day: float | None = None) -> None:
        """Pin a date (the cursor's by default) to compare the cursor with; None unpins."""
        self.pinned = self.cursor if day is None else float(day)
        self.pin_changed.emit(self.pinned)

    def unpin(self) -> None:
        if self.pinned is not None:
            self.pinned = None
            self.pin_changed.emit(None)

    # -- export ------------------------------------------------------------------------
    def export_scope(self, kind: str) -> list[Event]:
        """The events a card export of `kind` ("selected", "view", "matching", "all") covers."""
        ds = self.dataset
        if ds is None:
            return []
        if kind == "selected":
            ev = self.selected_event()
            return [ev] if ev is not None else []
        if kind == "view":
            return self.events_in_view()
        if kind == "matching":
            return [ds.events[i] for i in self.matches] if self.matches is not None else []
        if kind == "all":
            return list(ds.events)
        raise ValueError(f"export scope must be one of {EXPORT_SCOPES}, not {kind!r}")
