"""core/terminal.py: dataset text printed on a terminal cannot act on it."""

import pytest

from explorer.core.problems import Problem
from explorer.core.terminal import for_terminal

HOSTILE = {
    "retitle": ("\x1b]0;pwned\x07Kuril", r"\x1b]0;pwned\x07Kuril"),
    "clear screen": ("\x1b[2J\x1b[HTitle", r"\x1b[2J\x1b[HTitle"),
    "CR forging a line": ("ok\rdataset.toml:1:1: error: forged", r"ok\rdataset.toml:1:1: error: forged"),
    "newline forging a line": ("ok\nevents/a.toml:2:1: error: forged", r"ok\nevents/a.toml:2:1: error: forged"),
    "tab": ("a\tb", r"a\tb"),
    "C1 CSI": ("\x9b2J", r"\x9b2J"),
    "DEL and NUL": ("a\x7fb\x00", r"a\x7fb\x00"),
    "bidi override": ("invoice\u202etxt.exe", r"invoice\u202etxt.exe"),
    "bidi isolates": ("\u2066a\u2067b\u2068c\u2069", r"\u2066a\u2067b\u2068c\u2069"),
    "bidi embeddings and marks": ("\u202a\u202b\u202c\u202d\u200e\u200f\u061c", r"\u202a\u202b\u202c\u202d\u200e\u200f\u061c"),
    "zero width space": ("ad\u200bmin", r"ad\u200bmin"),
    "lone joiner": ("\u200dx", r"\u200dx"),
    "BOM and soft hyphen": ("\ufeffa\u00adb", r"\ufeffa\xadb"),
    "line separator": ("a\u2028b\u2029c", r"a\u2028b\u2029c"),
    "tag characters": ("ok\U000e0041\U000e0042", r"ok\U000e0041\U000e0042"),
    "lone surrogate": ("file\udcff.toml", r"file\udcff.toml"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_shown_not_obeyed(name):
    text, shown = HOSTILE[name]
    out = for_terminal(text)
    assert out == shown
    assert out.isprintable()  # no control, format or separator character is left
    out.encode("utf-8")  # printable on a UTF-8 terminal (no lone surrogate)


@pytest.mark.parametrize("text", [
    "Kuril Islands", "北方領土 (日本)", "Итуруп", "Шикотан — 色丹島", "emoji 🎌🗾", "family 👩\u200d👩\u200d👧",
    "کتاب\u200cها", "क्\u200dष", "1 000\u00a0km", "全角\u3000空白", "C:\\path\\file", "",
])
def test_normal_text_is_left_alone(text):
    assert for_terminal(text) == text


def test_problem_renders_a_terminal_safe_line():
    p = Problem("events/\x1b[31mred.toml", "event `e1\x1b]0;x\x07`: title\nevents/b.toml:1:1: error: forged",
                line=3, col=5)
    line = p.format(for_terminal=True)
    assert line == (r"events/\x1b[31mred.toml:3:5: error: event `e1\x1b]0;x\x07`: title"
                    r"\nevents/b.toml:1:1: error: forged")
    assert "\n" not in line and "\x1b" not in line
    assert p.format() == str(p)  # for the window: the message as it is
