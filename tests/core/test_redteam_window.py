"""Red-team findings in the window: exports, display limits, bidi, map cost (redteam/REPORT.md)."""

import json
import random
import shutil
import time

import pytest
from PySide6.QtCore import QSettings

from explorer.core.markup import MAX_SHOWN
from tests.helpers import ROOT

MAP_BASE = ROOT / "redteam" / "base"  # the documented map example (docs/dataset-format.md)


def map_dataset(dst, toml=None, append="", geojson=None):
    shutil.copytree(MAP_BASE, dst)
    t = (dst / "dataset.toml").read_text(encoding="utf-8")
    for old, new in (toml or {}).items():
        assert old in t, old
        t = t.replace(old, new)
    (dst / "dataset.toml").write_text(t + append, encoding="utf-8")
    if geojson is not None:
        (dst / "shapes.geojson").write_text(geojson, encoding="utf-8")
    return dst


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    make_app()

    def make(path):
        w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(w)
        assert w.open_dataset(path), w.problems
        w.resize(1300, 850)
        w.show()
        qtbot.waitExposed(w)
        return w

    return make


# -- finding 10: File > Export as TimelineJS may overwrite the open dataset --------------------------
def test_redteam_window_export_never_overwrites_the_open_dataset(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    ds = map_dataset(tmp_path / "ds")
    win = window(ds)
    before = (ds / "dataset.toml").read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(ds / "dataset.toml"), "TimelineJS JSON (*.json)")))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a)))
    from explorer.ui.shell.actions import Act

    win.acts[Act.EXPORT_TIMELINEJS].trigger()  # File > Export as TimelineJS…
    assert (ds / "dataset.toml").read_bytes() == before, "the dataset file was replaced by the export"
    assert warned


# -- finding 9: display limits do not cover lists, the story bar or the window title ------------------
def test_redteam_the_detail_pane_of_an_event_with_many_places_is_bounded(window, tmp_path):
    n = 20_000
    places = "".join(f'\n[[place]]\nid = "p{i}"\nname = "Place {i}"\n' for i in range(n))
    ds = map_dataset(tmp_path / "ds", {'places = ["isle"]\n  [[event.source]]':
                                       'places = ["isle"' + "".join(f', "p{i}"' for i in range(n)) +
                                       ']\n  [[event.source]]'}, append=places)
    win = window(ds)
    start = time.process_time()
    win.session.select_id("cession")
    cost = time.process_time() - start
    shown = len(win.detail.toPlainText())
    assert shown <= 3 * MAX_SHOWN, f"{shown:,} characters shown for one event ({cost:.1f} s CPU)"


def test_redteam_story_bar_and_window_title_are_bounded(window, tmp_path):
    long = "word " * 40_000  # 200,000 characters
    ds = map_dataset(tmp_path / "ds", {'title = "Two parties and an island"': f'title = "{long}"'},
                     append=f'\n[[story]]\nid = "s"\ntitle = "{long}"\n  [[story.step]]\n  event = "cession"\n'
                            f'  narrative = "{long}"\n')
    win = window(ds)
    win.session.start_story()
    assert len(win.story_bar.narrative.text()) <= MAX_SHOWN + 200
    assert len(win.story_bar.title.text()) <= MAX_SHOWN + 200
    assert len(win.windowTitle()) <= 1000


# -- finding 19: bidi overrides act in the story bar and the window title ----------------------------
def test_redteam_bidi_overrides_are_neutralised_outside_the_detail_pane_too(window, tmp_path):
    rlo = "\\u202e"
    ds = map_dataset(tmp_path / "ds", {'title = "Two parties and an island"': f'title = "Map {rlo}txt.exe"'},
                     append=f'\n[[story]]\nid = "s"\ntitle = "Story {rlo}fdp.exe"\n  [[story.step]]\n'
                            f'  event = "cession"\n  narrative = "Step {rlo}gpj.exe"\n')
    win = window(ds)
    win.session.start_story()
    win.session.select_id("cession")
    shown = [win.windowTitle(), win.story_bar.title.text(), win.story_bar.narrative.text()]
    assert "\u202e" not in win.detail.toPlainText()  # held: the detail pane cleans it
    assert not any("\u202e" in s for s in shown), shown


# -- finding 8: painting a map within the GeoJSON limits can take minutes ----------------------------
def random_polygons(n, points=60, seed=1):
    rnd = random.Random(seed)
    feats = [
        {"type": "Feature", "id": "isle", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [[[10, 45], [11, 45], [11, 46], [10, 45]]]}},
        {"type": "Feature", "id": "north-coast", "properties": {},
         "geometry": {"type": "Polygon", "coordinates": [[[9, 46], [12, 46], [12, 47], [9, 46]]]}},
        {"type": "Feature", "id": "strait-line", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[9, 46], [11, 46]]}}]
    for i in range(n):
        ring = [[rnd.randint(-18, 18), rnd.randint(-9, 9)] for _ in range(points)]
        feats.append({"type": "Feature", "id": f"f{i}",
                      "geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]}})
    return json.dumps({"type": "FeatureCollection", "features": feats})


@pytest.mark.slow
def test_redteam_a_map_within_the_limits_paints_in_reasonable_time(qtbot, tmp_path, monkeypatch):
    """Finding 8: the GeoJSON limits bounded bytes and positions, not drawing (8,000 self-crossing
    60-point polygons took ~75 s CPU a paint). Shapes too intricate to draw are now refused with
    a clear problem (an error, like any broken GeoJSON: the window keeps its last good data),
    and any map that loads paints quickly."""
    from explorer.core.loading import load_dataset, open_dataset
    from explorer.ui.map.snapshot import map_image
    from explorer.ui.shell.app import make_app

    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    make_app()
    path = map_dataset(tmp_path / "ds", geojson=random_polygons(1500))  # 18 % of the byte limit
    got = open_dataset(path)
    assert got.dataset is None
    assert any(p.path == "shapes.geojson" and "too intricate to draw" in p.message and "simplify" in p.message
               for p in got.problems), got.problems
    for n in (5, 15):  # a few such shapes are within the drawing limit: they paint quickly
        ds = load_dataset(map_dataset(tmp_path / f"ds{n}", geojson=random_polygons(n)))
        assert ds.geo is not None
        start = time.process_time()
        map_image(ds, 0.0)
        cost = time.process_time() - start
        assert cost < 3.0, f"one map paint took {cost:.1f} s CPU"
