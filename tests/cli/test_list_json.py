"""`explorer list --json`: the fast writer gives exactly the content of the old indented dump."""

import io
import json
import os
import subprocess
import sys

import pytest
from tests.helpers import BUNDLED, MINIMAL_HEAD, WINDOW_FIXTURE, event

from explorer.commands import main
from explorer.commands.data import event_json
from explorer.core.loading import open_dataset


def _old_output(path) -> str:
    """What `list --json` printed before: `json.dump(indent=2)` of `event_json` of every event."""
    return json.dumps([event_json(e) for e in open_dataset(path).dataset.events], ensure_ascii=False, indent=2)


def _pairs(text: str):
    return json.loads(text, object_pairs_hook=list)  # keys in order, not just equal dicts


class Writes(io.StringIO):
    def __init__(self, tty=False):
        super().__init__()
        self.calls, self.tty = 0, tty

    def write(self, s):
        self.calls += 1
        return super().write(s)

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("path", [WINDOW_FIXTURE, BUNDLED], ids=["window", "bundled"])
def test_list_json_content_equals_the_old_output(path, monkeypatch):
    for _ in range(2):  # built now (details in memory), then re-opened from the load cache (details packed)
        out = Writes()
        monkeypatch.setattr(sys, "stdout", out)
        assert main(["list", "--json", str(path)]) == 0
        text = out.getvalue()
        old = _old_output(path)
        assert _pairs(text) == _pairs(old)
        n = len(json.loads(old))
        assert n > 5 and text.count("\n") == n + 2  # "[", one event a line, "]"
        assert out.calls <= 3  # written in big pieces, not a write per token


def test_list_json_dates_qualifiers_and_filters(make_dataset, monkeypatch):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "a.toml": event("caesar", "-0043-03-15") + event("later", "1947/1949")
                         + event("vague", "1950~") + event("same-day", "-0043-03-15") + event("open", "../1951-04")
                         + event("deep", "Y-170000")})
    for args, ids in ((["--json"], None), (["--json", "--from", "1900"], ["open", "later", "vague"]),
                      (["--json", "--query", "nothing-matches-this"], [])):
        out = Writes()
        monkeypatch.setattr(sys, "stdout", out)
        assert main(["list", str(root), *args]) == 0
        rows = _pairs(out.getvalue())
        if ids is None:
            assert rows == _pairs(_old_output(root)) and len(rows) == 6
        else:
            assert [dict(r)["id"] for r in rows] == ids, rows
    assert out.getvalue() == "[]\n"


def test_list_json_on_a_terminal_escapes_non_ascii(monkeypatch):
    out = Writes(tty=True)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["list", "--json", str(BUNDLED)]) == 0
    text = out.getvalue()
    assert text.isascii() and "\\u" in text
    assert _pairs(text) == _pairs(_old_output(BUNDLED))


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_list_json_into_a_closed_pipe_exits_quietly(unbuffered):
    """`explorer list --json | head -c 10`: the reader goes away; no traceback, exit 0, as before."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED=unbuffered)
    proc = subprocess.Popen([sys.executable, "-m", "explorer", "list", "--json", str(BUNDLED)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(10) == b'[\n{"id": "'
    proc.stdout.close()  # more than the pipe holds is still to come (the bundled dataset: ~150 KB)
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0 and err == b"", err


TITLE = 'title = "Quote \\" back\\\\slash \\u0007 bell \\u2028 line \\u202e bidi 択捉 Курилы 😀"'
PLACES = '[[place]]\nid = "iturup"\nname = "Iturup"\n\n[[place]]\nid = "e-acute"\nname = "\\u00e9"\n'
HOSTILE = ('notes = "tab\\there </script> \\u0000 nul"\n'
           'names = { ja = "択捉島", ru = "Итуруп", "key with space" = "x\\"y" }\n'
           'places = ["iturup", "e-acute"]\n'
           'tags = ["t1", "t2"]\n'
           'related = [{ id = "e2", relation = "follows" }]\n')
SOURCE_FIELDS = ('\n  [[event.source]]\n  title = "Full \\u00fc"\n  url = "https://example.org/a?b=1&c=\\"2\\""\n'
                 '  publisher = "P"\n  quote = "q \\n two lines"\n  page = "p. 3"\n  accessed = "2026-01-01"\n')


@pytest.mark.parametrize("ascii_only", [False, True], ids=["file", "terminal"])
def test_list_json_text_is_byte_for_byte_json_dumps(make_dataset, ascii_only):
    """Each line equals `json.dumps(event_json(e))`: escapes, other scripts, every date form, all the
    optional fields, details in memory and re-opened from the load cache."""
    from explorer.commands.data import events_json_text

    dates = ["2000-01-01", "2000-01-01~", "1950-02?", "1950%", "-0043-03-15", "0001-01-01", "9999-12-31",
             "1947/1949", "../1951-04", "1990-05-04/..", "195X", "19XX", "Y-170000", "Y170000002", "2000-02-29"]
    text = MINIMAL_HEAD + PLACES + "".join(event(f"e{i}", d, HOSTILE).replace(f'title = "Event e{i}"', TITLE) if i % 2
                                  else event(f"e{i}", d) for i, d in enumerate(dates))
    text += event("e2x", "2001-03-04", SOURCE_FIELDS.replace("\n  [[event.source]]", "", 0)).replace(
        '  url = "https://example.org/e2x"\n', '  url = "https://example.org/e2x"\n' + SOURCE_FIELDS)
    root = make_dataset({"dataset.toml": text})
    for _ in range(2):  # built now, then from the cache
        result = open_dataset(root)
        assert result.dataset is not None, [p.format() for p in result.problems]
        events = result.dataset.events
        assert len(events) == len(dates) + 1
        lines = list(events_json_text(events, ascii_only))
        assert lines == [json.dumps(event_json(e), ensure_ascii=ascii_only) for e in events]
    assert any(e.details().sources[0].quote for e in events) and any(e.details().names for e in events)


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
def test_list_json_with_helper_children_is_the_same(tmp_path, monkeypatch, cache):
    """Without filters, `list --json` writes each file's events while the helper child builds others:
    the same text as a serial load gives, most files built by the child."""
    from bench import make_dataset

    from explorer.core import loading
    from explorer.core.loading import parse as parse_mod

    root = make_dataset.write(2000, tmp_path / "syn", per_file=250, seed=8)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    if cache == "no-cache":
        monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    monkeypatch.setenv("EXPLORER_NO_PARALLEL", "1")
    serial = Writes()
    monkeypatch.setattr(sys, "stdout", serial)
    assert main(["list", "--json", str(root)]) == 0
    monkeypatch.delenv("EXPLORER_NO_PARALLEL")
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache2"))  # an empty cache: children build all
    built = []
    real = parse_mod.parse_part
    monkeypatch.setattr(parse_mod, "parse_part", lambda path, rel, *a, **k: built.append(rel) or real(path, rel, *a, **k))
    out = Writes()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["list", "--json", str(root)]) == 0
    assert 0 < len(built) < 4  # (of 8 event files and dataset.toml)
    assert out.getvalue() == serial.getvalue() and out.getvalue().count("\n") == 2002
    assert _pairs(out.getvalue()) == _pairs(_old_output(root))
