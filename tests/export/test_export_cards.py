"""PDF event cards: layouts, text, links, metadata, atomic writes, CLI exit codes."""

import os
import subprocess
import sys

from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from explorer.core.loading import load_dataset
from explorer.export.cards import CardOptions, ExportCancelled, ExportError, export_cards


@pytest.fixture(scope="module")
def ds():
    from tests.helpers import BUNDLED

    QGuiApplication.instance() or QGuiApplication([])
    return load_dataset(BUNDLED)


def first(ds, n):
    return ds.events[:n]


@pytest.mark.parametrize("per_page,expected", [(1, 8), (2, 4), (4, 2)])
def test_page_count_per_layout(ds, tmp_path, per_page, expected, qapp):
    out = tmp_path / "c.pdf"
    pages = export_cards(ds, first(ds, 8), out, CardOptions("A4", per_page))
    assert pages == len(pypdf.PdfReader(out).pages)
    if per_page == 1:
        assert pages == expected
    else:  # a long card continues in the next slot rather than being cut
        assert expected <= pages <= 8


def test_text_names_links_metadata(ds, tmp_path, qapp):
    out = tmp_path / "c.pdf"
    evs = [ds.event("joint-declaration-1956"), ds.event("tokyo-declaration")]
    export_cards(ds, evs, out, CardOptions("A5", 1))
    r = pypdf.PdfReader(out)
    # no NFKC needed: the bundled font has no Kangxi radicals sharing glyphs with
    # ideographs, so the text layer says 日 and not ⽇ (U+2F47)
    text = " ".join(" ".join(p.extract_text().split()) for p in r.pages)
    assert "Soviet–Japanese Joint Declaration signed" in text
    assert "日ソ共同宣言" in text.replace(" ", "")
    assert "Советско-японская декларация 1956 года" in text
    assert "POSITIONS ON THIS DATE" in text and "Soviet Union" in text
    uris = [a.get_object()["/A"]["/URI"] for p in r.pages for a in p.get("/Annots", [])]
    assert "https://en.wikipedia.org/wiki/Soviet%E2%80%93Japanese_Joint_Declaration_of_1956" in uris
    meta = r.metadata
    assert meta.title.startswith("Japan and Russia") and meta["/Creator"].startswith("Explorer")
    assert meta["/Author"]
    fonts = {f["/BaseFont"] for p in r.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts  # fonts are embedded (checked by the font descriptor below)
    for p in r.pages:
        for f in p["/Resources"]["/Font"].values():
            desc = f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_no_positions_option(ds, tmp_path, qapp):
    out = tmp_path / "c.pdf"
    export_cards(ds, first(ds, 1), out, CardOptions("A6", 1, positions=False))
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "POSITIONS" not in text


def test_cancel_leaves_no_file_and_keeps_existing(ds, tmp_path, qapp):
    out = tmp_path / "c.pdf"
    out.write_bytes(b"old content")
    with pytest.raises(ExportCancelled):
        export_cards(ds, first(ds, 10), out, CardOptions(), progress=lambda i, n: i < 5)
    assert out.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["c.pdf"]


def test_unwritable_folder(ds, tmp_path, qapp, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    real_access = os.access
    # root may write anywhere, so the permission check is also simulated
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == ro and mode == os.W_OK else real_access(p, mode))
    try:
        with pytest.raises(ExportError, match="not writable"):
            export_cards(ds, first(ds, 1), ro / "x.pdf")
        assert list(ro.iterdir()) == []
    finally:
        ro.chmod(0o700)
    with pytest.raises(ExportError, match="does not exist"):
        export_cards(ds, first(ds, 1), tmp_path / "missing" / "x.pdf")


def test_failure_midway_removes_partial(ds, tmp_path, qapp, monkeypatch):
    import explorer.export.cards as cards

    calls = {"n": 0}
    real = cards._Writer.card

    def boom(self, ev):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, ev)

    monkeypatch.setattr(cards._Writer, "card", boom)
    from explorer.core.output import ExportError

    with pytest.raises(ExportError, match="No space left"):
        export_cards(ds, first(ds, 5), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


def run(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "explorer", "export-cards", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=180)


def test_cli_exit_codes(tmp_path):
    out = tmp_path / "c.pdf"
    r = run("-o", out, "--ids", "treaty-of-shimoda,treaty-of-portsmouth", "--page-size", "Letter", "--per-page", "2")
    assert r.returncode == 0, r.stderr
    assert len(pypdf.PdfReader(out).pages) <= 2
    assert run("-o", out, "--ids", "nope").returncode == 2
    assert run("-o", out, "--per-page", "3").returncode == 2
    r = run("-o", tmp_path / "missing" / "c.pdf", "--ids", "treaty-of-shimoda")
    assert r.returncode == 1 and "does not exist" in r.stderr and "Traceback" not in r.stderr
    r = run("-o", out, "--query", "Ukraine", "--category", "declaration")
    assert r.returncode == 0 and "1 card(s)" in r.stdout


def test_a_heading_is_never_left_alone_at_the_bottom(qapp):
    """A cut falls before a section heading such as SOURCES, never between it and its list."""
    from PySide6.QtGui import QTextDocument

    from explorer.export.cards import break_points_from

    doc = QTextDocument()
    doc.setTextWidth(400)
    doc.setHtml("<p>one</p><p>two</p><p><b>SOURCES</b></p><ol><li>a</li><li>b</li></ol>")
    lay = doc.documentLayout()
    blocks = []
    b = doc.begin()
    while b.isValid():
        blocks.append(lay.blockBoundingRect(b))
        b = b.next()
    heading_bottom = blocks[2].bottom()
    [cut] = list(break_points_from(doc, 0, heading_bottom + 2))  # room for the heading, not the list
    assert cut <= blocks[2].top() + 0.5
