"""`explorer export-view` and `explorer export-cards --handout` from the command line: outputs and exit codes."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pypdf


def run(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def test_export_view_writes_each_format(tmp_path):
    for fmt in ("pdf", "svg", "png"):
        out = tmp_path / f"view.{fmt}"
        r = run("export-view", "-o", out, "--from", "1945", "--to", "1960", "--cursor", "1956-10-19",
                "--with-band", "--size", "A3", "--dpi", "72")
        assert r.returncode == 0, r.stderr
        assert "event title(s) shown" in r.stdout and out.stat().st_size > 0
    assert len(pypdf.PdfReader(tmp_path / "view.pdf").pages) == 1
    assert ET.parse(tmp_path / "view.svg").getroot().tag.endswith("svg")
    assert (tmp_path / "view.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_export_view_usage_errors(tmp_path):
    out = tmp_path / "v.pdf"
    assert run("export-view", "-o", out, "--size", "B7").returncode == 2
    assert run("export-view", "-o", out, "--from", "2000", "--to", "1990").returncode == 2
    assert run("export-view", "-o", out, "--from", "not a date").returncode == 2
    assert run("export-view", "-o", out, "--select", "nope").returncode == 2
    assert run("export-view", "-o", out, "--lanes", "river").returncode == 2
    assert run("export-view", "-o", out, "--dpi", "5000").returncode == 2
    r = run("export-view", "-o", tmp_path / "v.jpg")
    assert r.returncode == 1 and ".pdf, .svg or .png" in r.stderr and "Traceback" not in r.stderr
    r = run("export-view", "-o", tmp_path / "missing" / "v.pdf")
    assert r.returncode == 1 and "does not exist" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_cards_handout(tmp_path):
    out = tmp_path / "handout.pdf"
    r = run("export-cards", "--handout", "-o", out, "--page-size", "A5", "--per-page", "2")
    assert r.returncode == 0, r.stderr
    assert re.search(r"class handout of \d+ step\(s\) on \d+ page\(s\)", r.stdout)
    assert pypdf.PdfReader(out).metadata.title.endswith("class handout")
    assert run("export-cards", "--handout", "--ids", "treaty-of-shimoda", "-o", out).returncode == 2
