"""The app in a real X window (Xvfb + Qt's xcb platform), as a person would start it.

Catches what the offscreen platform hides: missing xcb libraries, a window that
never maps, a first frame that stays blank. Also run by `make smoke`.
"""

import os
import shutil
import subprocess
import sys
import time


import pytest

GRAB = r"""
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
img = app.primaryScreen().grabWindow(0).toImage()
img.save(sys.argv[1])
colours = {img.pixelColor(x, y).rgb() for x in range(0, img.width(), 16) for y in range(0, img.height(), 16)}
print(len(colours))
"""


@pytest.fixture
def xvfb():
    exe = shutil.which("Xvfb")
    if exe is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    r_fd, w_fd = os.pipe()
    proc = subprocess.Popen([exe, "-displayfd", str(w_fd), "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
                            pass_fds=(w_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w_fd)
    with os.fdopen(r_fd) as f:
        display = f.readline().strip()
    if not display:
        proc.kill()
        pytest.skip("Xvfb did not start")
    yield f":{display}"
    proc.terminate()
    proc.wait(10)


@pytest.mark.slow
def test_app_shows_a_real_window(xvfb, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "c"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "s"))
    app = subprocess.Popen([sys.executable, "-m", "explorer"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    shot = tmp_path / "screen.png"
    colours = 0
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            if app.poll() is not None:
                pytest.fail(f"the app exited with {app.returncode}:\n{app.stderr.read()[-3000:]}")
            r = subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=env, capture_output=True, text=True,
                               timeout=60)
            assert r.returncode == 0, r.stderr
            colours = int(r.stdout.strip() or 0)
            if colours > 40:  # the timeline, eras, panels and text are on screen
                break
            time.sleep(0.5)
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
    assert colours > 40, f"the X screen stayed (nearly) blank: {colours} colours; see {shot}"
    keep = os.environ.get("EXPLORER_SMOKE_SHOT")
    if keep:
        shutil.copy(shot, keep)
