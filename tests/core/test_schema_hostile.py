"""#16.10: values the schema used to accept although they are invalid.

Each test loads a small hostile dataset and expects an error that names
file:line:col and the field."""

import pytest
from tests.helpers import MINIMAL_HEAD, POSITIONS, event

from tests.helpers import parse_path as load
from explorer.core.markup import url_problem
from explorer.core.schema import schema_version_problem


def errors(root):
    return [p for p in load(root).problems if p.is_error]


def line_of(root, rel: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the `nth` line of `rel` that holds `needle`, at its first non-blank."""
    lines = [(n, ln) for n, ln in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if needle in ln]
    n, ln = lines[nth]
    return n, len(ln) - len(ln.lstrip()) + 1


BAD_URLS = [
    "javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "https://", "https:///path",
    "http:example.org", "https://exa mple.org/", "https://example.org/\u202eexe.txt", "https://example.org/\x1b[2J",
    "https://www.mofa.go.jp@evil.example/", "https://example.org:99999/", "",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_position_source_url_is_checked(make_dataset, url):
    positions = POSITIONS.replace('  [[position.source]]\n  title = "S"\n',
                                  '  [[position.source]]\n  title = "S"\n  url = "%s"\n' % url.encode("unicode_escape").decode(), 1)
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + positions, "events/a.toml": event("e1")})
    [p] = errors(root)
    assert (p.path, (p.line, p.col)) == ("dataset.toml", line_of(root, "dataset.toml", "url = "))
    assert "field `url`" in p.message
    assert str(p).startswith(f"dataset.toml:{p.line}:{p.col}: error: source `S`: field `url` ")


@pytest.mark.parametrize("url", BAD_URLS)
def test_event_source_url_is_checked(make_dataset, url):
    """The fast path for well-formed events must refuse it too, so the checker reports it."""
    text = event("e1") + event("e2").replace("https://example.org/e2", url.encode("unicode_escape").decode())
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": text})
    [p] = errors(root)
    assert (p.path, (p.line, p.col)) == ("events/a.toml", line_of(root, "events/a.toml", "url = ", 1))
    assert "field `url`" in p.message
    assert "\x1b" not in p.message and "\u202e" not in p.message  # shown escaped


@pytest.mark.parametrize("url", [
    "https://example.org", "HTTPS://EXAMPLE.ORG/A?b=1#c", "http://192.0.2.1:8080/x",
    "https://ja.wikipedia.org/wiki/北方領土問題", "https://[2001:db8::1]/", "https://xn--n8jub.example/",
    "https://en.wikipedia.org/wiki/Soviet%E2%80%93Japanese_Joint_Declaration_of_1956",
])
def test_good_urls_pass(make_dataset, url):
    assert url_problem(url) is None
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1").replace("https://example.org/e1", url)})
    assert errors(root) == []


@pytest.mark.parametrize("field, value", [("id", "e2\\n"), ("id", "e2\\r\\n"), ("category", "treaty\\n")])
def test_trailing_newline_is_not_part_of_a_valid_id(make_dataset, field, value):
    text = event("e1") + event("e2").replace(f'{field} = "{"e2" if field == "id" else "treaty"}"', f'{field} = "{value}"')
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": text})
    [p] = errors(root)
    assert (p.path, (p.line, p.col)) == ("events/a.toml", line_of(root, "events/a.toml", f"{field} = ", 1))
    assert f"field `{field}`" in p.message and "is not a valid id" in p.message
    assert "\n" not in p.message and "\\n" in p.message  # the newline is shown, and forges no line


def test_trailing_newline_in_party_id_and_colour(make_dataset):
    head = MINIMAL_HEAD.replace('id = "b"', 'id = "b\\n"').replace('color = "#0000aa"', 'color = "#0000aa\\n"')
    root = make_dataset({"dataset.toml": head, "events/a.toml": event("e1")})
    fields = sorted((p.message.split("field `")[1].split("`")[0], p.line) for p in errors(root) if "field `" in p.message)
    assert fields == [("color", line_of(root, "dataset.toml", "#0000aa")[0]), ("id", line_of(root, "dataset.toml", 'id = "b')[0])]


@pytest.mark.parametrize("value", [True, 1.0, "1", 2, False])
def test_schema_version_must_be_the_integer_1(value):
    assert schema_version_problem(1) is None
    assert schema_version_problem(value)


@pytest.mark.parametrize("written", ["true", "1.0", "1e0"])
def test_schema_true_or_float_is_an_error(make_dataset, written):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD.replace("schema = 1", f"schema = {written}") + POSITIONS,
                         "events/a.toml": event("e1")})
    [p] = errors(root)
    assert (p.path, p.line, p.col) == ("dataset.toml", 1, 1)
    assert "`schema`" in p.message and "whole number" in p.message
