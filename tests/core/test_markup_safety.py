"""core/markup.py: linear time on adversarial input, everything escaped, URLs never edited."""

import gc
import html
import re
import time
from pathlib import Path

import pytest
import tomli

from explorer.core import markup
from explorer.core.markup import inline, short_title, to_html, to_plain, truncate_for_display

ROOT = Path(__file__).resolve().parents[2]

# Each pattern is repeated n and 10·n times; quadratic work would show a ~100× ratio.
ADVERSARIAL = {
    "strong openers": lambda n: "**a " * n,
    "link openers": lambda n: "[a](" * n,
    "star runs": lambda n: "*" * n + "a" + "*" * n,
    "nested emphasis": lambda n: "*a " * n + "a* " * n,
    "unclosed brackets": lambda n: "[a " * n,
    "underscores": lambda n: "_a " * n,
    "nested links": lambda n: "[" * n + "a" + "](https://x.org)" * n,
    "bullets": lambda n: "- - " * n + "\n- x" * n,
}


def _ratio(render, small: str, big: str) -> float:
    """CPU time of `big` over that of `small`: best of 3 each, measured in turns (so a
    busy moment of the machine hits both), without the garbage collector's pauses."""
    best = {small: float("inf"), big: float("inf")}
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            for text in (small, big):
                t0 = time.process_time()
                render(text)
                best[text] = min(best[text], time.process_time() - t0)
    finally:
        gc.enable()
    return best[big] / max(best[small], 1e-4)


def _html(text: str) -> str:
    return to_html(text, limit=None)  # no display cap: the whole input is parsed


@pytest.mark.parametrize("render, name", [(_html, name) for name in ADVERSARIAL] + [(inline, "strong openers")])
def test_adversarial_markup_is_linear(render, name):
    make = ADVERSARIAL[name]
    small, big = make(2_000), make(20_000)
    render(small)  # warm up
    ratios = []
    for _attempt in range(3):  # retries for a busy machine: quadratic work (~100×) fails every time
        ratios.append(_ratio(render, small, big))
        if ratios[-1] <= 12:
            break
    assert min(ratios) <= 12, f"{name}: 10× the input cost {', '.join(f'{r:.1f}' for r in ratios)}× the work"


def _dataset_texts():
    texts = []

    def walk(v):
        if isinstance(v, str):
            texts.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for f in sorted((ROOT / "resources" / "datasets" / "kuril").rglob("*.toml")):
        walk(tomli.loads(f.read_text(encoding="utf-8")))
    return texts


_ALLOWED_TAG = re.compile(r'</?(?:p|ul|li|b|i)>|<br>|<a href="https?://[^"<>]*">|</a>')


def test_bundled_dataset_output_has_no_raw_markup_from_data():
    texts = _dataset_texts()
    assert len(texts) > 500
    for t in texts:
        out = to_html(t)
        rest = _ALLOWED_TAG.sub("", out)
        assert "<" not in rest and ">" not in rest, (t, out)
        assert html.unescape(rest).split() == t.split()  # all of the text, nothing added
        assert "\u200b" not in out


def test_every_piece_of_hostile_text_is_escaped():
    hostile = '<b onmouseover=x>&amp; "q" \'s\' <style>*{}</style> <!-- c --> <https://x.org> `<i>`'
    out = to_html(hostile)
    assert _ALLOWED_TAG.sub("", out) == out.removeprefix("<p>").removesuffix("</p>")
    assert html.unescape(out.removeprefix("<p>").removesuffix("</p>")) == hostile


def test_the_subset_renders_as_before():
    out = to_html("Some *emphasis* and **strong** [MOFA](https://www.mofa.go.jp)\n\n- one\n- two\nafter")
    assert out == ('<p>Some <i>emphasis</i> and <b>strong</b> <a href="https://www.mofa.go.jp">MOFA</a></p>'
                   "<ul><li>one</li><li>two</li></ul><p>after</p>")
    # a year at the start of a line is not an ordered list; "- - x" is not a nested list
    assert to_html("1945. The war ends") == "<p>1945. The war ends</p>"
    assert to_html("- - x") == "<ul><li>- x</li></ul>"
    assert to_html("    indented text") == "<p>indented text</p>"  # no code blocks
    assert to_html("# not a heading") == "<p># not a heading</p>"
    assert to_html("+ not a bullet\n-\n> not a quote") == "<p>+ not a bullet\n-\n&gt; not a quote</p>"


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))", "[x](file:///etc/passwd)", "[x](ftp://example.org)", "[x](https://)",
    "[x](https://user@evil.example/)", "[x](<https://a.org/a b>)", "[x](https://a.org/\u202eexe.txt)",
    "[x](data:text/html,hi)", "[x](//example.org)",
])
def test_links_other_than_http_are_text(link):
    out = to_html(link)
    assert "<a" not in out
    assert "x" in out


def test_urls_are_never_edited():
    long_url = "https://www.japantimes.co.jp/news/2022/03/22/national/" + "a" * 200 + "/"
    out = to_html(f"[source]({long_url}) and {long_url}")
    assert f'href="{long_url}"' in out
    assert out.count(long_url) == 2  # the text copy is untouched too
    assert "\u200b" not in out and "\u200b" not in truncate_for_display(long_url * 3, 10_000)
    iri = "https://ja.wikipedia.org/wiki/北方領土問題"
    assert f'href="{iri}"' in to_html(f"[j]({iri})")  # no re-encoding


def test_truncate_for_display():
    assert truncate_for_display("abc", 5) == "abc"
    cut = truncate_for_display("x" * 30, 10)
    assert cut.startswith("x" * 10 + " … ") and "30 characters" in cut
    assert not hasattr(markup, "shorten")  # one name, that says what it does
    assert short_title("T\u202eitle\x1b") == "Title"
    assert to_html("y" * 30_000).count("y") == markup.MAX_SHOWN
    assert to_html("y" * 30_000, limit=None).count("y") == 30_000  # exports keep everything
    assert "shortened" in truncate_for_display.__doc__ or "display" in truncate_for_display.__doc__


def test_controls_and_bidi_are_stripped():
    assert to_plain("abc\u202eevil\u0007\u2066x\u0085") == "abcevilx"
    out = to_html("*a\u202eb* [c\u2067d](https://e.org)\x00\x1b[2J")
    assert out == '<p><i>ab</i> <a href="https://e.org">cd</a>[2J</p>'
