"""What the window remembers between runs (QSettings): geometry, splitters, appearance, lanes."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from . import file_actions
from .actions import Act


def _flag(value, default: bool) -> bool:
    if value is None:
        return default
    return value not in (False, "false", "0", 0)


def restore(win) -> None:
    s = win.settings
    geo = s.value("geometry")
    if geo is not None:
        win.restoreGeometry(geo)
    else:  # first start: 1800x1000, or 90% of a smaller screen
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        w, h = 1800, 1000
        if avail is not None and avail.width() > 0:
            w, h = min(w, int(avail.width() * 0.9)), min(h, int(avail.height() * 0.9))
        win.resize(w, h)
    for split in (win.main_split, win.bottom_split):
        state = s.value(f"splitters/{split.objectName()}")
        if state is not None:
            split.restoreState(state)
    mode = s.value("lane_mode", "party")
    win.session.set_lane_mode(mode if mode in ("party", "category") else "party")
    win.acts[Act.LANES_PARTY].setChecked(win.session.lane_mode == "party")
    win.acts[Act.LANES_CATEGORY].setChecked(win.session.lane_mode == "category")
    state = s.value("window_state")
    if state is not None:
        win.restoreState(state)
    win.acts[Act.LIVE_RELOAD].setChecked(_flag(s.value("live_reload"), True))
    # the map by default where there is room for it beside the positions (1920 px: yes; 1366: on demand)
    win.acts[Act.SHOW_MAP].setChecked(_flag(s.value("show_map"), win.width() >= 1500))
    win.set_appearance(str(s.value("appearance", "system")))
    win.search_bar.hide_others.setChecked(_flag(s.value("hide_non_matching"), False))
    win.acts[Act.SHOW_LEGEND].setChecked(_flag(s.value("show_legend"), True))
    collapsed = s.value("collapsed_lanes")
    if collapsed:
        win.timeline.set_collapsed_lanes([collapsed] if isinstance(collapsed, str) else list(collapsed))
    file_actions.fill_recent_menu(win)
    win.session.lane_mode_changed.connect(lambda _mode: s.setValue("lane_mode", win.session.preferred_lane_mode))


def save(win) -> None:
    s = win.settings
    s.setValue("geometry", win.saveGeometry())
    for split in (win.main_split, win.bottom_split):
        s.setValue(f"splitters/{split.objectName()}", split.saveState())
    s.setValue("window_state", win.saveState())
    s.setValue("appearance", win.appearance)
    s.setValue("hide_non_matching", win.search_bar.hide_others.isChecked())
    s.sync()
