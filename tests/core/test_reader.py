"""The plain-TOML reader gives exactly what tomli gives, or declines (and tomli reads the file)."""

import random
import re

import pytest
import tomli

from tests.helpers import BUNDLED
from explorer.core.loading.reader import NotPlain, read

from bench import make_dataset


def same_or_declined(text: str) -> bool:
    """True if the reader declined `text`; else it must equal tomli's result (and tomli must accept it)."""
    try:
        got = read(text)
    except NotPlain:
        return True
    assert got == tomli.loads(text), text
    return False


def test_reads_the_bundled_and_synthetic_event_files(tmp_path):
    files = sorted((BUNDLED / "events").glob("*.toml"))
    files += sorted((make_dataset.write(300, tmp_path / "syn", per_file=100) / "events").glob("*.toml"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not same_or_declined(text), f  # read, and equal to tomli's


@pytest.mark.parametrize("text", [
    "",
    "# only a comment\n\n",
    '[[event]]\nid = "a"\n',
    '[[event]]\nid = "a"',  # no final newline
    '[[event]]\r\nid = "a"\r\n',  # CRLF
    '[[ event ]]\nid="a"\t# note\n',
    '[[event]]\ntags = []\nnames = {}\nrelated = [\n  { id = "x", relation = "y" },\n]\n',
    '[[event]]\ntags = [ "a" ,\n "b", ]\nnames = { ja = "x=y", ru = "z" }\n',
    '[[event]]\nid = "a"\n  [[event.source]]\n  title = "t"\n  [[ event . source ]]\n  title = "u"\n[[event]]\nid = "b"\n',
    '[[event]]\nsummary = "tab\there, unicode 日本 ёж, quote-free"\n',
])
def test_plain_subset_is_read_as_tomli_reads_it(text):
    assert not same_or_declined(text)


@pytest.mark.parametrize("text", [
    'id = "a"\n',  # a key before any table
    '[[event]]\nid = "a"\nid = "b"\n',  # duplicate key: tomli's error
    '[[event]]\nnames = { ja = "a", ja = "b" }\n',
    '[[event]]\nsource = []\n[[event.source]]\ntitle = "t"\n',  # static array, then appended to
    '[[event.source]]\ntitle = "t"\n',
    '[[event]]\nid = "a\\"b"\n',  # escapes
    "[[event]]\nid = 'literal'\n",
    '[[event]]\nsummary = """multi"""\n',
    '[[event]]\nn = 1\n',
    '[[event]]\nd = 1995-05-05\n',
    '[[event]]\na.b = "x"\n',
    '[[event]]\n"quoted" = "x"\n',
    '[[event]]\ntags = [ # comment\n "a" ]\n',
    '[[event]]\nid = "a" junk\n',
    '[[event]]\nid = "a\x01"\n',  # control character
    '[[event]]\rid = "a"\n',  # a lone CR
    '[event]\nid = "a"\n',
    '[[party]]\nid = "a"\n',
    '[[event]]\nnames = { ja = "a}b" }\n',  # braces inside an inline table: left to tomli
    '[[event]]\nid = "a"\n[[event]\n',
])
def test_anything_else_is_declined(text):
    assert same_or_declined(text)


def test_mutated_files_are_read_exactly_or_declined():
    """Differential fuzzing against tomli: whatever the reader accepts, tomli reads the same."""
    seeds = [f.read_text(encoding="utf-8") for f in sorted((BUNDLED / "events").glob("*.toml"))]
    pieces = ['"', "\\", "\n", "#", "[", "]", "{", "}", "=", ",", ".", " ", "\t", "\r", "'", "a", "1", "\x00", "é",
              "\r\n", "[[event]]\n", "[[event.source]]\n", 'x = "y"\n', "source = []\n", '""', '"""', "=\"\""]
    rng = random.Random(22)
    read_count = 0
    for _ in range(3000):
        s = rng.choice(seeds)
        starts = [m.start() for m in re.finditer(r"\[\[event\]\]", s)] or [0]
        a = rng.choice(starts)
        end = s.find("\n", a + rng.choice((300, 800, 1500)))
        chars = list(s[a:end + 1 if end > 0 else None])
        for _ in range(rng.choice((1, 1, 2, 3))):
            op, p = rng.random(), rng.randrange(len(chars) + 1)
            if op < 0.4:
                chars.insert(p, rng.choice(pieces))
            elif p < len(chars):
                if op < 0.8:
                    del chars[p]
                else:
                    chars[p] = rng.choice(pieces)
        read_count += not same_or_declined("".join(chars))
    assert read_count > 500  # the mutations often stay in the subset: the comparison means something
