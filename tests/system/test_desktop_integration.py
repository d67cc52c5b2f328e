"""The launcher entry, AppStream metadata and icons (desktop-file-validate, appstreamcli)."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer import APP_ID, __version__

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "packaging" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return path


def test_desktop_file_validates():
    r = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr
    text = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}" in text and "Exec=explorer" in text


def test_metainfo_validates():
    r = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_metainfo_matches_the_app():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("releases/release").get("version") == __version__
    assert root.findtext("project_license") == "MIT"
    assert root.find("content_rating") is not None
    for img in root.iterfind("screenshots/screenshot/image"):
        name = img.text.rsplit("/", 1)[1]
        assert (ROOT / "docs" / name).is_file(), f"screenshot {name} is not in docs/"


def test_icons_in_every_size():
    icons = ROOT / "resources" / "icons"
    assert (icons / "explorer.svg").is_file()
    from PySide6.QtGui import QImage

    for size in (16, 32, 48, 64, 128, 256):
        img = QImage(str(icons / f"explorer-{size}.png"))
        assert (img.width(), img.height()) == (size, size)


def test_window_and_about_show_the_icon(qtbot, bundled, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    make_app()
    assert not QApplication.windowIcon().isNull()
    assert 256 in [s.width() for s in QApplication.windowIcon().availableSizes()]
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.open_dataset(bundled)
    assert not w.windowIcon().isNull()
    seen = {}

    def grab_about():
        box = w.about_box
        seen["text"] = box.text()
        seen["icon"] = not box.iconPixmap().isNull()
        box.accept()

    QTimer.singleShot(50, grab_about)
    from explorer.ui.shell.actions import Act

    w.acts[Act.ABOUT].trigger()
    assert seen["icon"]
    assert __version__ in seen["text"] and "MIT" in seen["text"]
    assert "SIL Open Font License" in seen["text"] and "CC BY 4.0" in seen["text"]
