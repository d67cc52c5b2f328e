"""The one place where the window's signals are connected: actions → session, session → widgets.

Widgets never see the window or each other: they emit narrow signals that call
session methods, and they are updated by the session's signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

from ...core.dates import display_day
from ...core.markup import clean_text, short_title
from ..theme import APPEARANCES, apply_theme, theme_for
from . import file_actions
from .actions import Act

if TYPE_CHECKING:
    from .main_window import MainWindow

ZOOM_STEP = 0.6


def connect(win: "MainWindow") -> None:
    s, a, tl = win.session, win.acts, win.timeline
    # actions → session
    a[Act.PREV_EVENT].triggered.connect(lambda: s.step_selection(-1))
    a[Act.NEXT_EVENT].triggered.connect(lambda: s.step_selection(+1))
    a[Act.FIRST_EVENT].triggered.connect(s.select_first)
    a[Act.LAST_EVENT].triggered.connect(s.select_last)
    a[Act.ZOOM_EVENT].triggered.connect(s.zoom_to_selected)
    a[Act.ZOOM_IN].triggered.connect(lambda: s.zoom(ZOOM_STEP))
    a[Act.ZOOM_OUT].triggered.connect(lambda: s.zoom(1 / ZOOM_STEP))
    a[Act.FIT_ALL].triggered.connect(s.fit_all)
    a[Act.CURSOR_BACK].triggered.connect(lambda: s.step_cursor(-1))
    a[Act.CURSOR_FORWARD].triggered.connect(lambda: s.step_cursor(+1))
    a[Act.LANES_PARTY].triggered.connect(lambda: s.set_lane_mode("party"))
    a[Act.LANES_CATEGORY].triggered.connect(lambda: s.set_lane_mode("category"))
    a[Act.STORY].triggered.connect(lambda on: s.start_story() if on else s.stop_story())
    a[Act.STORY_NEXT].triggered.connect(s.next_step)
    a[Act.STORY_BACK].triggered.connect(s.previous_step)
    a[Act.FIND_NEXT].triggered.connect(lambda: s.step_match(+1))
    a[Act.FIND_PREV].triggered.connect(lambda: s.step_match(-1))
    a[Act.FIND].triggered.connect(win.search_bar.focus_search)
    a[Act.CLEAR_FILTER].triggered.connect(win.search_bar.clear)
    a[Act.PIN_DATE].triggered.connect(lambda on: s.pin() if on else s.unpin())
    a[Act.SHOW_MAP].toggled.connect(lambda on: (_show_map(win, on), win.settings.setValue("show_map", on)))
    a[Act.SHOW_LEGEND].setChecked(True)
    a[Act.SHOW_LEGEND].toggled.connect(lambda on: (tl.set_legend_visible(on), win.settings.setValue("show_legend", on)))
    tl.lanes_collapsed.connect(lambda ids: win.settings.setValue("collapsed_lanes", ids))
    a[Act.ESCAPE].triggered.connect(lambda: _escape(win))
    a[Act.FOCUS_TIMELINE].triggered.connect(lambda: tl.setFocus(Qt.FocusReason.ShortcutFocusReason))
    a[Act.NEXT_PANE].triggered.connect(lambda: step_pane(win, 1))
    a[Act.PREVIOUS_PANE].triggered.connect(lambda: step_pane(win, -1))
    a[Act.APPEAR_SYSTEM].triggered.connect(lambda: set_appearance(win, "system"))
    a[Act.APPEAR_LIGHT].triggered.connect(lambda: set_appearance(win, "light"))
    a[Act.APPEAR_DARK].triggered.connect(lambda: set_appearance(win, "dark"))
    a[Act.RELOAD].triggered.connect(win.reload)
    a[Act.LIVE_RELOAD].toggled.connect(lambda on: _set_live_reload(win, on))
    a[Act.QUIT].triggered.connect(win.close)
    file_actions.connect(win)

    # widgets → session
    tl.cursor_moved.connect(s.set_cursor)
    tl.range_changed.connect(lambda lo, hi: s.set_view(lo, hi, origin=tl))
    tl.event_clicked.connect(lambda i: (s.select_index(i, reveal=False), tl.setFocus()))
    tl.stance_clicked.connect(lambda d, eid: (s.jump_to(d), eid and s.select_id(eid, move_cursor=False, reveal=False)))
    win.detail.internal_link.connect(lambda url: _on_internal_link(win, url))
    win.positions.event_link_clicked.connect(s.select_id)
    win.positions.cursor_requested.connect(s.jump_to)
    win.map_pane.region_selected.connect(s.filter_region)
    win.story_bar.back_requested.connect(s.previous_step)
    win.story_bar.next_requested.connect(s.next_step)
    win.story_bar.closed.connect(s.stop_story)
    win.search_bar.filter_changed.connect(s.set_filter)
    win.search_bar.step_requested.connect(s.step_match)
    win.search_bar.hide_changed.connect(tl.events.set_hide_dimmed)
    win.watcher.changed.connect(lambda: _on_files_changed(win))
    win.loader.finished.connect(lambda path, result, keep: _on_loaded(win, path, result, keep))
    win.loader.show_progress_in(win.statusBar())  # a background load: what, how far, Cancel (helper-perf, #22.1)
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda *_: set_appearance(win, "system") if win.appearance == "system" else None)

    # session → widgets
    s.dataset_changed.connect(lambda ds, path: _on_dataset(win, ds, path))
    s.lane_mode_changed.connect(lambda mode: _on_lane_mode(win, mode))
    s.view_changed.connect(lambda lo, hi, origin: tl.set_range(lo, hi) if origin is not tl else None)
    s.cursor_changed.connect(lambda day: _on_cursor(win, day))
    s.selection_changed.connect(lambda i: _on_selection(win, i))
    s.filter_changed.connect(lambda flt, matches: _on_filter(win, flt, matches))
    s.story_changed.connect(lambda n: _on_story(win, n))
    s.pin_changed.connect(lambda day: (win.positions.set_pinned(day), a[Act.PIN_DATE].setChecked(day is not None)))


# -- session → widgets ---------------------------------------------------------------
def _on_dataset(win, ds, path) -> None:
    s, a = win.session, win.acts
    win.setWindowTitle(f"{clean_text(short_title(ds.title))} — Explorer")  # no bidi overrides in the title bar
    win.search_bar.set_dataset(ds)
    win.timeline.set_dataset(ds, s.lane_mode)
    win.positions.set_dataset(ds)
    win.map_pane.set_dataset(ds)
    # the side columns are made per dataset: Tab goes on from the last one (or the history) to the map
    chain = [*win.positions.columns.values(), win.positions.history, win.map_pane.view]
    for first, second in zip(chain, chain[1:]):
        QWidget.setTabOrder(first, second)
    a[Act.SHOW_MAP].setEnabled(win.map_pane.has_map)
    _show_map(win, win.map_pane.has_map and a[Act.SHOW_MAP].isChecked())
    win.detail.show_dataset_intro(ds)
    a[Act.LANES_PARTY].setEnabled(any(e.parties for e in ds.events))
    story = a[Act.STORY]
    story.setEnabled(bool(ds.stories))
    title = ds.stories[0].title if ds.stories else "no guided story in this dataset"
    title = title if len(title) <= 48 else title[:47] + "…"
    story.setText("&Story: " + title.replace("&", "&&"))
    if path is not None:
        win.settings.setValue("last_dataset", str(path))


def _on_lane_mode(win, mode: str) -> None:
    win.timeline.set_lane_mode(mode)
    win.acts[Act.LANES_PARTY].setChecked(mode == "party")
    win.acts[Act.LANES_CATEGORY].setChecked(mode == "category")


SCRUB_SHARE = 0.1  # a cursor move shorter than this share of the view is scrubbing, not a jump


def _on_cursor(win, day: float) -> None:
    lo, hi = win.session.view
    scrubbing = abs(day - win.positions.day) <= (hi - lo) * SCRUB_SHARE
    win.timeline.set_cursor(day)
    win.timeline.overview.set_cursor(day)
    win.positions.update_at(day, mark_changes=scrubbing)  # a jump shows the settled panel at once
    win.map_pane.set_day(day)
    win.status_date.setText(f"Cursor: {display_day(day)}")


def _on_selection(win, index: int) -> None:
    s = win.session
    win.timeline.select(index)
    ev = s.selected_event()
    if ev is None:
        win.detail.show_dataset_intro(s.dataset)
    else:
        win.detail.show_event(s.dataset, ev, s.filter.query)
        win.map_pane.show_event(s.dataset, ev.places)
        win.statusBar().showMessage(f"{ev.date.display()} — {short_title(ev.title)}", 6000)
    _show_count(win)


def _on_filter(win, flt, matches) -> None:
    import numpy as np

    ds = win.session.dataset
    if matches is None:
        win.timeline.set_dimmed(None)
    else:
        dimmed = np.ones(len(ds.events), dtype=bool)
        dimmed[matches] = False
        win.timeline.set_dimmed(dimmed)
    win.search_bar.show_filter(flt)
    _show_count(win)
    ev = win.session.selected_event()
    if ev is not None:
        win.detail.show_event(ds, ev, flt.query)


def _show_count(win) -> None:
    s = win.session
    if s.dataset is None:
        return
    n = len(s.matches) if s.matches is not None else len(s.dataset.events)
    win.search_bar.set_count(n, len(s.dataset.events), s.filter.active, s.match_position())


def _on_story(win, n: int) -> None:
    s = win.session
    win.acts[Act.STORY].setChecked(n >= 0)
    if n < 0:
        win.story_bar.hide()
        return
    win.story_bar.show_step(s.story, n)
    win.story_bar.show()


# -- other handlers -----------------------------------------------------------------
def _escape(win) -> None:
    focus = QApplication.focusWidget()
    if isinstance(focus, (QLineEdit, QAbstractSpinBox)) or (focus is not None and focus.inherits("QComboBox")):
        win.timeline.setFocus(Qt.FocusReason.ShortcutFocusReason)
    elif win.loader.busy:
        win.loader.cancel()
    elif win.session.story_step >= 0:
        win.session.stop_story()
    elif win.session.pinned is not None:
        win.session.unpin()


def _on_internal_link(win, url) -> None:
    from PySide6.QtCore import QUrl

    if url.scheme() == "event":
        win.session.select_id(QUrl.fromPercentEncoding(url.path().encode()))
    elif url.scheme() == "story":
        win.session.start_story()


def step_pane(win, step: int) -> QWidget | None:
    """F6 / Shift+F6: the keyboard focus to the next (previous) visible pane, as in most desktop
    apps; Tab walks every link of the text panes, this jumps over them."""
    columns = list(win.positions.columns.values())
    positions = win.positions.history if win.positions.history.isVisible() or not columns else columns[0]
    panes = [(win.search_bar, win.search_bar.text), (win.timeline, win.timeline), (win.detail, win.detail),
             (win.positions, positions), (win.map_pane, win.map_pane.view)]
    shown = [(box, target) for box, target in panes if target.isVisible() and target.isEnabled()]
    if not shown:
        return None
    focus = QApplication.focusWidget()
    at = next((i for i, (box, _) in enumerate(shown) if focus is not None and (focus is box or box.isAncestorOf(focus))),
              -1 if step > 0 else 0)
    target = shown[(at + step) % len(shown)][1]
    target.setFocus(Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason)
    return target


def _show_map(win, on: bool) -> None:
    """The map pane shows when asked for and the dataset has regions; nothing else changes."""
    win.map_pane.setVisible(on and win.map_pane.has_map)


def _set_live_reload(win, on: bool) -> None:
    win.settings.setValue("live_reload", on)


def _on_files_changed(win) -> None:
    if win.session.path is not None and win.acts[Act.LIVE_RELOAD].isChecked():
        win.reload()


def _on_loaded(win, path, result, keep_view: bool) -> None:
    """A load ended: show the new data, or keep the last good data and list the problems."""
    s = win.session
    if result is None:
        win.statusBar().showMessage(f"Opening {path.name} was cancelled; the current data is kept", 10000)
        return
    win.problems = result.problems
    same = s.path is not None and path.resolve() == s.path.resolve()
    if result.dataset is None:
        kept = s.dataset is not None
        win.problems_dock.show_problems(result.problems, path.name, kept_last_good=kept)
        win.show_problems_dock()
        keeping = "; keeping the last good data" if kept else ""
        win.statusBar().showMessage(f"Could not open {path.name}: {len(result.errors)} error(s){keeping}", 15000)
        if same or s.dataset is None:
            win.watcher.watch(path, result.files)  # a fix to the file reloads it
        return
    s.set_dataset(result.dataset, path, keep_view=keep_view and same)
    win.last_open_ok = True
    win.problems_dock.show_problems(result.problems, path.name)
    if result.problems:
        win.show_problems_dock()
    elif same:
        win.problems_dock.hide()
    geo = result.dataset.geo
    extra = [geo.geometry_file(path if path.is_dir() else path.parent)] if geo is not None else []
    win.watcher.watch(path, result.files + extra)  # the map's GeoJSON too: an edit to it reloads
    file_actions.add_recent(win, path)
    warn = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    verb = "Reloaded" if keep_view else "Opened"
    win.statusBar().showMessage(f"{verb} {path.name}: {len(result.dataset.events)} events{warn}", 8000)


def set_appearance(win, mode: str) -> None:
    """"system", "light" or "dark"; the system setting is followed live."""
    mode = mode if mode in APPEARANCES else "system"
    win.appearance = mode
    win.theme = theme_for(mode)
    apply_theme(QApplication.instance(), win.theme)
    win.timeline.apply_theme(win.theme)
    win.positions.apply_theme(win.theme)
    win.detail.theme = win.theme
    win.map_pane.set_theme(win.theme)
    key = {"system": Act.APPEAR_SYSTEM, "light": Act.APPEAR_LIGHT, "dark": Act.APPEAR_DARK}[mode]
    win.acts[key].setChecked(True)
    win.settings.setValue("appearance", mode)
    s = win.session
    if s.dataset is not None:  # rich text picks the new palette up when re-rendered
        win.positions.update_at(s.cursor, mark_changes=False)
        _on_selection(win, s.selected)
