"""The documented example is valid, and the package works when installed from a wheel."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core import load

ROOT = Path(__file__).resolve().parent.parent


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
def test_wheel_installs_and_validates(tmp_path):
    """Build the wheel, install it in a fresh venv outside the tree, run `explorer validate`."""
    wheels = tmp_path / "wheels"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    [wheel] = list(wheels.glob("*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    # The core needs only tomli; the GUI dependencies are exercised by the rest of the suite.
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel),
                        "-c", str(ROOT / "constraints.txt"), "tomli"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([str(venv / "bin" / "explorer"), "validate"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 2  # usage: a path is required
    r = subprocess.run([str(py), "-c", "from explorer.resources import bundled_dataset; print(bundled_dataset())"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0 and str(venv) in r.stdout, r.stdout + r.stderr
    r = subprocess.run([str(venv / "bin" / "explorer"), "validate", r.stdout.strip()],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0 and "0 error(s), 0 warning(s)" in r.stdout, r.stdout + r.stderr
