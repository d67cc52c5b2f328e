"""Every user action has one key; menus, toolbar, shortcuts and tests use it."""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QAction, QKeySequence


class Act(Enum):
    OPEN_FOLDER = ("&Open dataset folder…", "Ctrl+O", "Open a dataset folder")
    OPEN_FILE = ("Open dataset &file…", "Ctrl+Shift+O", "Open a single .toml dataset file")
    RELOAD = ("&Reload", "Ctrl+R", "Reload the dataset from disk")
    LIVE_RELOAD = ("Reload &automatically when files change", "", "Watch the dataset files and reload on every save")
    CLEAR_RECENT = ("&Clear recent datasets", "", "Forget the list of recently opened datasets")
    FIND = ("&Find…", "Ctrl+F", "Search events and filter the timeline")
    FIND_NEXT = ("Find &next", "F3", "Select the next matching event")
    FIND_PREV = ("Find pre&vious", "Shift+F3", "Select the previous matching event")
    CLEAR_FILTER = ("C&lear search and filters", "Ctrl+Shift+F", "Show all events again")
    APPEAR_SYSTEM = ("Follow the &system", "", "Light or dark, as the system is set")
    APPEAR_LIGHT = ("&Light", "", "Light appearance")
    APPEAR_DARK = ("&Dark", "", "Dark appearance")
    EXPORT_CARDS = ("&Export cards as PDF…", "Ctrl+E", "Export event cards as a PDF")
    EXPORT_VIEW = ("Export &view…", "Ctrl+Shift+E", "Export the timeline as shown — PDF, SVG or PNG, up to a poster")
    IMPORT = ("&Import TimelineJS or Timeline file…", "Ctrl+I", "Turn a TimelineJS (.json, .csv) or Timeline (.timeline) file into a dataset")
    EXPORT_TIMELINEJS = ("Export as &TimelineJS…", "", "Write the dataset as TimelineJS JSON or spreadsheet CSV, to publish on the web")
    QUIT = ("&Quit", "Ctrl+Q", "Quit Explorer")
    PREV_EVENT = ("&Previous event", "Left", "Select the previous event")
    NEXT_EVENT = ("&Next event", "Right", "Select the next event")
    FIRST_EVENT = ("&First event", "Home", "Select the first event")
    LAST_EVENT = ("&Last event", "End", "Select the last event")
    ZOOM_EVENT = ("Zoom to &selected event", "Return", "Zoom to the selected event")
    ZOOM_IN = ("Zoom &in", "+", "Zoom in")
    ZOOM_OUT = ("Zoom &out", "-", "Zoom out")
    FIT_ALL = ("&Fit all", "F", "Show the whole timeline")
    CURSOR_BACK = ("Move cursor &back", "Shift+Left", "Move the scrub cursor back in time")
    CURSOR_FORWARD = ("Move cursor &forward", "Shift+Right", "Move the scrub cursor forward in time")
    SHOW_MAP = ("&Map", "Ctrl+M", "Show or hide the map of who holds and claims each region")
    SHOW_LEGEND = ("L&egend", "", "Show or hide the timeline's legend: what colours, shapes and shading mean")  # timeline helper
    LANES_PARTY = ("Lanes by &party", "Ctrl+1", "One lane per party")
    LANES_CATEGORY = ("Lanes by &category", "Ctrl+2", "One lane per category")
    STORY = ("&Story: why is there no peace treaty?", "Ctrl+T", "Step through the guided story")
    STORY_NEXT = ("Story: ne&xt step", "PgDown", "Next step of the story")
    STORY_BACK = ("Story: &back", "PgUp", "Previous step of the story")
    ESCAPE = ("Leave search or story", "Esc", "Back to the timeline from the search box; leave story mode")
    PIN_DATE = ("&Pin this date to compare", "P", "Pin the cursor date; move the cursor to compare both sides' stances at the two dates")
    FOCUS_TIMELINE = ("Focus the &timeline", "Ctrl+L", "Move the keyboard focus to the timeline")
    NEXT_PANE = ("Ne&xt pane", "F6", "Move the keyboard focus to the next pane: search, timeline, details, positions, map")
    PREVIOUS_PANE = ("Pre&vious pane", "Shift+F6", "Move the keyboard focus to the previous pane")
    SHORTCUTS = ("&Keyboard shortcuts", "F1", "List every keyboard shortcut")
    ABOUT = ("&About Explorer", "", "About Explorer")

    def __init__(self, text: str, shortcut: str, tip: str):
        self.text = text
        self.shortcut = shortcut
        self.tip = tip


def build_actions(parent) -> dict[Act, QAction]:
    actions = {}
    for key in Act:
        a = QAction(key.text, parent)
        if key.shortcut:
            seqs = [QKeySequence(key.shortcut)]
            if key is Act.ZOOM_IN:
                seqs.append(QKeySequence("="))
            if key is Act.ZOOM_EVENT:
                seqs.append(QKeySequence("Enter"))
            a.setShortcuts(seqs)
        a.setToolTip(f"{key.tip} ({key.shortcut})" if key.shortcut else key.tip)
        a.setStatusTip(key.tip)
        a.setObjectName(key.name.lower())
        actions[key] = a
    for key in (Act.LANES_PARTY, Act.LANES_CATEGORY, Act.STORY, Act.LIVE_RELOAD,
                Act.APPEAR_SYSTEM, Act.APPEAR_LIGHT, Act.APPEAR_DARK, Act.PIN_DATE, Act.SHOW_MAP,
                Act.SHOW_LEGEND):
        actions[key].setCheckable(True)
    return actions


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut: Help > Keyboard shortcuts."""
    extra = {Act.ZOOM_IN: " or =", Act.ZOOM_EVENT: " or keypad Enter"}
    rows = [(QKeySequence(k.shortcut).toString(QKeySequence.SequenceFormat.NativeText) + extra.get(k, ""),
             k.text.replace("&", "").rstrip("…")) for k in Act if k.shortcut]
    rows += [("Enter / Shift+Enter", "In the search box: next / previous match"),
             ("Ctrl+Shift+P", "Show or hide the Problems panel"),
             ("Tab / Shift+Tab", "Move between search, filters, timeline, details and positions")]
    return rows
