"""The map in the window and on the command line: the same control at the same dates, changes seen
while scrubbing, and a broken map reported without losing the app (#21)."""

import json
import shutil

import pytest

from explorer.commands import main
from tests.helpers import BUNDLED, day
from tests.map.test_map_control import EXPECTED


@pytest.mark.parametrize("when", sorted(EXPECTED))
def test_explorer_control_json(when, capsys):
    assert main(["control", str(BUNDLED), "--at", when, "--json"]) == 0
    rows = {r["region"]: r for r in json.loads(capsys.readouterr().out)["regions"]}
    for region, (holder, kind, claimants) in EXPECTED[when].items():
        r = rows[region]
        assert (r["holder"], r["kind"], sorted(c["party"] for c in r["claimants"])) == (holder, kind, claimants)


def test_the_window_map_shows_the_same(make_window):
    from explorer.ui.shell.actions import Act

    win = make_window(BUNDLED, size=(1920, 1080))
    win.acts[Act.SHOW_MAP].setChecked(True)  # View > Map
    assert win.map_pane.isVisible()
    for when, expected in EXPECTED.items():
        win.session.set_cursor(day(when))
        for region, (holder, kind, claimants) in expected.items():
            s = win.map_pane.view.state(region)
            assert (s.holder, s.holder_kind, sorted(s.claimants)) == (holder, kind, claimants), (when, region)


def test_scrubbing_1850_to_2026_shows_the_changes(make_window):
    win = make_window(BUNDLED, size=(1600, 900))
    changed_in = set()
    previous = None
    for year in range(1850, 2027):
        win.session.set_cursor(day(f"{year}-12-31"))
        now = {r: win.map_pane.view.state(r).holder for r in EXPECTED["1856-01-01"]}
        if previous is not None and now != previous:
            changed_in.add(year)
        previous = now
    assert {1855, 1875, 1905, 1945} <= changed_in, sorted(changed_in)


def test_a_broken_map_is_reported_and_the_last_good_data_stays(make_window, tmp_path, qtbot):
    ds = tmp_path / "kuril"
    shutil.copytree(BUNDLED, ds)
    win = make_window(ds)
    good = win.dataset
    geojson = next((ds / "map").glob("*.geojson"))
    geojson.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    qtbot.waitUntil(lambda: bool(win.problems_dock.problems), timeout=10_000)  # live reload saw the edit
    assert win.dataset is good and win.map_pane.has_map
    text = win.problems_dock.list.topLevelItem(0).text(1) + " " + win.problems_dock.list.topLevelItem(0).text(2)
    assert geojson.name in text


def test_a_dataset_without_regions_has_no_map_pane(make_window):
    from tests.helpers import WINDOW_FIXTURE
    from explorer.ui.shell.actions import Act

    win = make_window(WINDOW_FIXTURE, size=(1920, 1080))
    assert not win.map_pane.isVisible() and not win.acts[Act.SHOW_MAP].isEnabled()


def test_tab_reaches_the_map_and_the_keyboard_picks_a_region(make_window, qtbot):
    """Keyboard only: Tab goes on from the last side's column to the map (the columns are made per
    dataset), the arrows point at a region and Enter filters the timeline to its events."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from explorer.ui.shell.actions import Act

    win = make_window(BUNDLED, size=(1920, 1080))
    win.acts[Act.SHOW_MAP].setChecked(True)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    last = list(win.positions.columns.values())[-1]
    last.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is last)
    for _ in range(30):  # a column's links take Tab stops of their own
        QTest.keyClick(last, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is not last:
            break
    assert QApplication.focusWidget() is win.map_pane.view
    regions = list(win.dataset.geo.regions.values())
    k = next(i for i, r in enumerate(regions) if r.places)  # a region events are about (not Hokkaido)
    for _ in range(k + 1):
        QTest.keyClick(win.map_pane.view, Qt.Key.Key_Right)
    QTest.keyClick(win.map_pane.view, Qt.Key.Key_Return)
    s = win.session
    assert s.filter.label == regions[k].name
    assert s.matches is not None and 0 < len(s.matches) < len(win.dataset.events)


def test_f6_steps_through_the_panes(make_window, qtbot):
    """F6 / Shift+F6 move the focus pane by pane (search, timeline, details, positions, map), over
    the links that Tab visits one by one; the map is reached in four steps from the search box."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.shell.actions import Act

    win = make_window(BUNDLED, size=(1920, 1080))
    win.acts[Act.SHOW_MAP].setChecked(True)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.search_bar.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search_bar.text)
    seen = []
    for _ in range(5):
        win.acts[Act.NEXT_PANE].trigger()
        seen.append(QApplication.focusWidget())
    cols = list(win.positions.columns.values())
    tl = win.timeline
    assert seen[0] is tl or tl.isAncestorOf(seen[0]), seen
    assert seen[1:] == [win.detail, cols[0], win.map_pane.view, win.search_bar.text], seen
    win.acts[Act.PREVIOUS_PANE].trigger()
    assert QApplication.focusWidget() is win.map_pane.view
