"""A dataset written by someone hostile: nothing is loaded, nothing outside the dataset is read,
only http/https links open and only on click, and the PDF shows the text as text."""

import sys

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices

from tests.helpers import MINIMAL_HEAD, POSITIONS, event

HOSTILE = [
    '<img src="file:///etc/passwd">', '<img src="http://example.org/tracker.png">', "![x](file:///etc/passwd)",
    "![y](http://example.org/pixel.gif)", '<a href="javascript:alert(1)">js</a>', '<a href="file:///etc/passwd">f</a>',
    "<script>alert(1)</script>", "[click](javascript:alert(1))", "[local](file:///etc/passwd)",
    "[ok](https://example.org/fine)", '<link rel="stylesheet" href="file:///etc/passwd">',
    '<style>@import url("http://example.org/x.css")</style>', "\u202eexe.txt\u202c", "bell\u0007null\u0000x",
]
LONG_WORD = "W" * 100_000


def hostile_dataset(make_dataset):
    text = " ".join(HOSTILE)
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\u0000", "\\u0000").replace("\u0007", "\\u0007")
    extra = (f'names = {{ ja = "{esc}", ru = "{esc}" }}\n'
             f'notes = "{esc}"\n'
             f'tags = ["{esc[:200]}"]')
    ev = event("evil", "2000-01-01", extra)
    ev = ev.replace('title = "Event evil"', f'title = "{esc[:300]} {LONG_WORD[:5000]}"')
    ev = ev.replace('summary = "Something happened."', f'summary = "{esc} {LONG_WORD}"')
    ev = ev.replace('title = "A source"', f'title = "{esc}"')
    return make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001") + ev})


@pytest.fixture
def opened_files():
    """Every file the process opens while the test body runs (audit hook)."""
    seen: list[str] = []
    active = [True]

    def hook(name, args):
        if active[0] and name == "open" and args and isinstance(args[0], (str, bytes)):
            seen.append(args[0] if isinstance(args[0], str) else args[0].decode(errors="replace"))

    sys.addaudithook(hook)
    yield seen
    active[0] = False


def test_nothing_is_loaded_or_run(qtbot, make_dataset, tmp_path, monkeypatch, opened_files):
    from explorer.export.cards import CardOptions, InertDocument, export_cards
    from explorer.ui.shell.app import make_app
    from explorer.ui.shell.main_window import MainWindow

    root = hostile_dataset(make_dataset)
    opened_externally = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_externally.append(url.toString()) or True)
    make_app()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_dataset(root), win.problems
    win.resize(1100, 750)
    win.show()
    qtbot.waitExposed(win)
    win.session.select_id("evil")
    win.timeline.plot.grab()  # labels and tooltips of the hostile title are drawn
    html = win.detail.toHtml()
    assert "<img" not in html and "<script" not in html and "<link" not in html
    assert win.detail.refused == [] and all(c.refused == [] for c in win.positions.columns.values())
    # every link in the pane, clicked: only http(s) goes out, nothing else does anything
    hrefs = []
    doc = win.detail.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                hrefs.append(fmt.anchorHref())
            it += 1
        block = block.next()
    assert "https://example.org/fine" in hrefs
    assert not [h for h in hrefs if h.lower().startswith(("javascript", "file", "data"))]
    for h in hrefs:
        win.detail.anchorClicked.emit(QUrl(h))
    assert opened_externally and all(u.startswith(("http://", "https://")) for u in opened_externally)
    # the PDF shows the text as text
    InertDocument.refused.clear()
    out = tmp_path / "evil.pdf"
    export_cards(win.dataset, [win.dataset.event("evil")], out, CardOptions("A4", 1))
    assert InertDocument.refused == []
    import pypdf

    reader = pypdf.PdfReader(out)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "<img" in text or "img src" in text  # shown literally
    uris = [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in p.get("/Annots") or []]
    assert all(u is None or str(u).startswith(("http://", "https://")) for u in uris), uris
    for p in reader.pages:
        xobjects = (p.get("/Resources") or {}).get("/XObject") or {}
        assert not [k for k, v in xobjects.items() if v.get_object().get("/Subtype") == "/Image"]
    # no file outside the dataset (and Explorer's own resources and Qt's libraries) was opened
    assert not [f for f in opened_files if "passwd" in f or "example.org" in f]
    win.positions.settle()


def test_hostile_urls_in_sources_are_rejected(make_dataset):
    from tests.helpers import parse_path as load

    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1").replace("https://example.org/e1", "javascript:alert(1)")
                         + event("e2").replace("https://example.org/e2", "file:///etc/passwd")})
    r = load(root)
    assert r.dataset is None
    text = "\n".join(map(str, r.errors))
    assert "javascript:alert(1)" in text and "file:///etc/passwd" in text and "must start with http" in text
