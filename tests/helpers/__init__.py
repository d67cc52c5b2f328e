"""Shared test data: small datasets written for the tests, and where the bundled one is."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "datasets" / "kuril"
WINDOW_FIXTURE = ROOT / "tests" / "fixtures" / "window"  # small dataset for window behaviour

MINIMAL_HEAD = '''schema = 1

[dataset]
id = "mini"
title = "Mini"
description = "A small dataset for tests."
language = "en"

[[party]]
id = "a"
name = "Alpha"
color = "#aa0000"

[[party]]
id = "b"
name = "Beta"
color = "#0000aa"

  [[party.period]]
  name = "Old Beta"
  date = "../1999-12-31"

[[category]]
id = "treaty"
name = "Treaty"
color = "#123456"
'''

EVENT = '''
[[event]]
id = "{id}"
date = "{date}"
title = "Event {id}"
summary = "Something happened."
category = "treaty"
parties = ["a", "b"]
{extra}
  [[event.source]]
  title = "A source"
  url = "https://example.org/{id}"
'''

POSITIONS = '''
[[position]]
party = "a"
since = "1990"
stance = "Alpha's first stance"
event = "e1"
  [[position.source]]
  title = "S"

[[position]]
party = "a"
since = "2005-06-01"
stance = "Alpha's second stance"
  [[position.source]]
  title = "S"

[[position]]
party = "b"
since = "1990"
stance = "Beta's stance"
  [[position.source]]
  title = "S"
'''


def event(id: str, date: str = "2000-01-01", extra: str = "") -> str:
    """One event; `extra` lines go after `parties` (line 9 of the snippet)."""
    return EVENT.format(id=id, date=date, extra=extra)


def parse_path(path, **kw):
    """Parse a dataset without the load cache (what a cache miss does)."""
    from explorer.core.loading.files import scan
    from explorer.core.loading.parse import parse

    return parse(scan(path), **kw)


def day(text: str) -> int:
    from explorer.core.dates import Date

    return Date.parse(text).start


class Recorder:
    """Records what a session signal emitted (tests observe the session like a widget would)."""

    def __init__(self, signal):
        self.calls: list[tuple] = []
        signal.connect(lambda *args: self.calls.append(args))

    @property
    def last(self):
        return self.calls[-1] if self.calls else None
