"""What start-up leaves for later must give the same pixels and the same content when it is needed."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


def test_marker_atlas_drawn_cell_by_cell_equals_one_drawn_at_once(qapp):
    from explorer.ui.timeline.marker_painter import ATLAS_COLUMNS, MARKER_R, MarkerPainter, paint_marker

    colors = [QColor("#c0392b"), QColor("#2c5aa0"), QColor(120, 120, 120)]
    mp = MarkerPainter()
    mp.set_colors(colors)
    mp._atlas([(1, 5), (0, 0), (2, ATLAS_COLUMNS - 1)])  # a first frame's few cells
    pm, size = mp._atlas([(r, c) for r in range(len(colors)) for c in range(ATLAS_COLUMNS)])
    assert mp._atlas([(0, 0)])[0] is pm  # the same pixmap, added to

    ref = QPixmap(size * ATLAS_COLUMNS, size * len(colors))
    ref.fill(Qt.GlobalColor.transparent)
    q = QPainter(ref)
    q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for row, color in enumerate(colors):
        for col in range(ATLAS_COLUMNS):
            shape, rest = divmod(col, 4)
            paint_marker(q, color, shape, col * size + size / 2, row * size + size / 2, MARKER_R,
                         bool(rest // 2), bool(rest % 2), mp.edge)
    q.end()
    assert pm.toImage() == ref.toImage()


def test_marker_atlas_starts_again_when_the_colours_change(qapp):
    from explorer.ui.timeline.marker_painter import MarkerPainter

    mp = MarkerPainter()
    mp.set_colors([QColor("#c0392b")])
    first, _ = mp._atlas([(0, 0)])
    mp.set_colors([QColor("#2c5aa0")])
    second, _ = mp._atlas([(0, 0)])
    assert second is not first and second.toImage() != first.toImage()


def test_a_window_built_hidden_has_its_lanes_named_when_it_shows(qtbot, tmp_path):
    # the timeline plans no frame while hidden; showing it must plan before the first paint
    from PySide6.QtCore import QSettings

    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow
    from tests.helpers import WINDOW_FIXTURE

    make_app()
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.open_dataset(WINDOW_FIXTURE)
    tl = w.timeline
    assert tl.lane_axis.lanes == []  # nothing planned yet: the size is not known
    w.resize(1300, 850)
    w.show()  # no event processed yet: the show itself planned the frame
    names = [name for _y, name, _c in tl.lane_axis.lanes]
    assert names[:len(tl.layout_.lanes)] == [lane.name for lane in tl.layout_.lanes]
    qtbot.waitExposed(w)
    plan = tl.events.plan()
    assert [y for y, _n, _c in tl.lane_axis.lanes][:len(plan.lanes)] == [ln.top + ln.height / 2 for ln in plan.lanes]
