"""The plain-text fast path of `to_html` writes exactly what the parser writes (differential)."""

import pathlib

import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core import markup
from tests.helpers import BUNDLED


def slow(text: str) -> str:
    return markup._render(markup._parser().parse(markup._prepare(text)))


def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)


def test_every_text_of_the_bundled_dataset():
    texts = {t for p in pathlib.Path(BUNDLED).rglob("*.toml") for t in strings(tomli.loads(p.read_text("utf-8")))}
    fast = [t for t in texts if markup.to_html.__wrapped__(t, None) != slow(t)]
    assert fast == []
    assert sum(1 for t in texts if not markup._MARKS.search(t) and t.isprintable()) > 500  # the path is taken


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.-*+_[]()\\&<>\"'#!~|`=\u00a0\u3000ア日\t\n")), max_size=14))
def test_random_text(text):
    assert markup.to_html.__wrapped__(text, None) == slow(text)
