"""The map widget draws who held each region on the day it is given (offscreen Qt)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from explorer.core.loading import open_dataset as load
from explorer.core.dates import Date
from explorer.core.geo import ring_centroid
from explorer.ui.map import MapView, RegionHistory, map_image

W, H = 600, 640


@pytest.fixture(scope="module")
def ds():
    from tests.helpers import BUNDLED

    return load(BUNDLED).dataset


@pytest.fixture
def view(qtbot, ds):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(W, H)
    v.set_dataset(ds)
    v.show()
    qtbot.waitExposed(v)
    return v


def centroid(ds, rid):
    ring = max((poly[0] for poly in ds.geo.regions[rid].polygons), key=lambda r: abs(ring_centroid(r)[0]))
    _, x, y = ring_centroid(ring)
    return x, y


def pixel(view, lon, lat) -> QColor:
    img = view.grab().toImage()
    pt = view.map_point(lon, lat)
    dpr = img.devicePixelRatio()
    return img.pixelColor(round(pt.x() * dpr), round(pt.y() * dpr))


def close(a: QColor, b: QColor, tol: int = 6) -> bool:
    return all(abs(x - y) <= tol for x, y in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue())))


def test_urup_changes_from_russian_to_japanese_in_1875(view, ds):
    lon, lat = centroid(ds, "urup")
    japan, russia = QColor(ds.parties["japan"].color), QColor(ds.parties["russia"].color)
    view.set_day(Date.parse("1875-06-01").start)
    before = pixel(view, lon, lat)
    view.set_day(Date.parse("1876-01-01").start)
    after = pixel(view, lon, lat)
    assert close(before, russia), before.name()
    assert close(after, japan), after.name()


def test_etorofu_is_japanese_then_soviet(view, ds):
    lon, lat = centroid(ds, "etorofu")
    view.set_day(Date.parse("1945-08-20").start)
    assert close(pixel(view, lon, lat), QColor(ds.parties["japan"].color))
    view.set_day(Date.parse("1946-06-01").start)
    assert close(pixel(view, lon, lat), QColor(ds.parties["russia"].color))


def test_hover_names_the_region_and_click_emits_it(view, ds, qtbot):
    lon, lat = centroid(ds, "kunashiri")
    pt = view.map_point(lon, lat).toPoint()
    assert view.region_at(QPointF(pt)) == "kunashiri"
    with qtbot.waitSignal(view.region_clicked, timeout=1000) as got:
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=pt)
    assert got.args == ["kunashiri"]
    view.set_day(Date.parse("2023-01-01").start)
    tip = view.tooltip_html("kunashiri")
    assert "国後島" in tip and "Кунашир" in tip and "Russian Federation administers it" in tip
    assert "claimed by Japan" in tip


def test_tooltip_escapes_data(qtbot, make_dataset):
    from tests.map.test_map_validation import files

    f = files()
    f["map.toml"] = f["map.toml"].replace('name = "The isle"\nnames = { ja = "島" }',
                                          'name = "<img src=x>"\nnames = { ja = "<b>島</b>" }')
    ds = load(make_dataset(f)).dataset
    v = MapView()
    qtbot.addWidget(v)
    v.set_dataset(ds)
    tip = v.tooltip_html("isle")
    assert "<img" not in tip and "&lt;img src=x&gt;" in tip and "&lt;b&gt;島&lt;/b&gt;" in tip


def test_zoom_keeps_the_point_under_the_pointer(view, ds):
    lon, lat = centroid(ds, "shikotan")
    before = view.map_point(lon, lat)
    view.zoom_by(3.0, before)
    after = view.map_point(lon, lat)
    assert abs(after.x() - before.x()) < 0.5 and abs(after.y() - before.y()) < 0.5
    assert view.region_at(after) == "shikotan"
    QTest.keyClick(view, Qt.Key.Key_0)
    assert view.map_point(lon, lat) == before or abs(view.map_point(lon, lat).x() - before.x()) < 0.5


def test_drag_pans(view, qtbot):
    a = view.map_point(145, 45)
    QTest.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    QTest.mouseMove(view, QPoint(340, 330))
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(340, 330))
    b = view.map_point(145, 45)
    assert (round(b.x() - a.x()), round(b.y() - a.y())) == (40, 30)


def test_no_map_is_a_message_not_a_crash(qtbot):
    v = MapView()
    qtbot.addWidget(v)
    v.resize(200, 200)
    v.set_geo(None, {})
    v.set_day(0)
    assert not v.has_map
    v.grab()


def test_dark_theme_and_image(ds):
    img = map_image(ds, Date.parse("1906-01-01").start, 300, 320, dark=True)
    assert img is not None and img.width() == 300
    corner = img.pixelColor(299, 160)  # sea, on the dark background
    assert corner.lightness() < 80


def test_region_history_is_plain_text(qtbot, ds):
    h = RegionHistory()
    qtbot.addWidget(h)
    h.show_region(ds, "urup")
    text = h.toPlainText()
    assert text.startswith("Urup (得撫島 · Уруп)")
    assert "22 August 1875 – 31 August 1945: Empire of Japan administers (Treaty of Saint Petersburg)" in text


def test_the_keyboard_points_at_regions_and_picks_one(view, ds, qtbot):
    """Arrows step through the regions as the mouse would point at them (outlined, a tooltip);
    Enter picks the one pointed at, as a click does; Left from the first wraps to the last."""
    ids = list(ds.geo.regions)
    picked = []
    view.region_clicked.connect(picked.append)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert picked == []  # nothing pointed at yet
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert picked == [ids[1]]
    QTest.keyClick(view, Qt.Key.Key_Left)
    QTest.keyClick(view, Qt.Key.Key_Left)
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert picked == [ids[1], ids[-1]]
