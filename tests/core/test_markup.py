"""Untrusted text becomes safe HTML: no tags that load or run anything."""

import pytest

from explorer.core.markup import to_html, to_plain


@pytest.mark.parametrize("hostile", [
    '<img src="file:///etc/passwd">', '<img src="http://example.org/x.png">', "![x](file:///etc/passwd)",
    '<a href="javascript:alert(1)">x</a>', '<a href="file:///etc/passwd">x</a>', "<script>alert(1)</script>",
    "[click](javascript:alert(1))", "[f](file:///etc/passwd)",
])
def test_hostile_text_is_inert(hostile):
    out = to_html(hostile)
    assert "<img" not in out and "<script" not in out
    assert 'href="file' not in out and 'href="javascript' not in out


def test_subset_renders():
    out = to_html("Some *emphasis* and **strong** [MOFA](https://www.mofa.go.jp)\n\n- one\n- two")
    assert "<i>emphasis</i>" in out and "<b>strong</b>" in out
    assert '<a href="https://www.mofa.go.jp">MOFA</a>' in out
    assert "<ul><li>one</li><li>two</li></ul>" in out


def test_controls_and_bidi_removed():
    assert to_plain("abc\u202eevil\u0007") == "abcevil"


def test_widget_loads_no_resources(qtbot):
    from explorer.ui.safe_browser import SafeBrowser

    b = SafeBrowser()
    qtbot.addWidget(b)
    b.setHtml(to_html('<img src="file:///etc/passwd"> ![x](http://example.org/a.png)'))
    b.show()
    qtbot.wait(10)
    assert b.refused == []  # the escaped text asked for nothing
    b.setHtml('<img src="file:///etc/passwd">')  # even raw HTML from elsewhere is refused
    b.grab()
    assert b.refused and b.refused[0].startswith("file:")
