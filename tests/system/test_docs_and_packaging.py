"""The documented example is valid, and the package works when installed from a wheel."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core.loading import open_dataset as load

ROOT = Path(__file__).resolve().parents[2]


def test_format_doc_example_validates(tmp_path):
    doc = (ROOT / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n")[1].split("```")[0]
    f = tmp_path / "example.toml"
    f.write_text(example, encoding="utf-8")
    r = load(f)
    assert r.ok and r.problems == [], [str(p) for p in r.problems]


def test_resources_found_from_checkout():
    from explorer.resources import bundled_dataset, resource

    assert (bundled_dataset() / "dataset.toml").is_file()
    with pytest.raises(ValueError):
        resource("../pyproject.toml")
    with pytest.raises(FileNotFoundError, match="missing resource file"):
        resource("nope.txt")


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path):
    """Build the wheel, install it in a fresh venv outside the tree, run validate, screenshot and self-test."""
    import site

    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    [wheel] = list(wheels.glob("*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    # The pinned dependencies (PySide6, pyqtgraph, numpy, tomli) come from the test environment's
    # site-packages through a path entry, without re-downloading 100 MB; a path added by a .pth
    # file does not run that folder's own .pth files, so the editable checkout is not visible.
    [venv_site] = list((venv / "lib").glob("python3*/site-packages"))
    (venv_site / "zz_test_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QT_QPA_PLATFORM")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    exe = str(venv / "bin" / "explorer")
    r = subprocess.run([str(py), "-c", "import explorer, explorer.resources as r; print(explorer.__file__);"
                        "print(r.bundled_dataset()); print(r.resource('fonts/OFL.txt')); print(r.resource('icons/explorer-256.png'))"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert all(str(venv) in line for line in r.stdout.split()), r.stdout  # package, dataset, font and icon
    r = subprocess.run([exe, "validate"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 2  # usage: a path is required
    dataset = subprocess.run([str(py), "-c", "from explorer.resources import bundled_dataset as b; print(b())"],
                             capture_output=True, text=True, cwd=tmp_path, env=env).stdout.strip()
    r = subprocess.run([exe, "validate", dataset], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0 and "0 error(s), 0 warning(s)" in r.stdout, r.stdout + r.stderr
    shot = tmp_path / "shot.png"
    r = subprocess.run([exe, "screenshot", "-o", str(shot), "--size", "1000x700"], capture_output=True, text=True,
                       cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(shot))
    assert (img.width(), img.height()) == (1000, 700)
    colours = {img.pixelColor(x, y).name() for x in range(0, 1000, 23) for y in range(0, 700, 23)}
    assert len(colours) > 30
    r = subprocess.run([exe, "self-test"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 0 and "self-test passed" in r.stdout, r.stdout + r.stderr
