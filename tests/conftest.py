"""Test setup: offscreen Qt, and HOME/XDG/QSettings redirected to a temp folder."""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
_home = tempfile.mkdtemp(prefix="explorer-test-home-")
for var, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                 ("XDG_STATE_HOME", ".local/state"), ("XDG_DATA_HOME", ".local/share")):
    os.environ[var] = str(Path(_home) / sub)

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "resources" / "datasets" / "kuril"


@pytest.fixture
def bundled() -> Path:
    return BUNDLED


@pytest.fixture
def make_dataset(tmp_path):
    """Write a dataset folder from {relative path: text}; returns its path."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "ds"
        root.mkdir(exist_ok=True)
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                p.write_bytes(text)
            else:
                p.write_text(text, encoding="utf-8")
        return root

    return make


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


@pytest.fixture
def mini(make_dataset):
    return make_dataset({
        "dataset.toml": MINIMAL_HEAD + POSITIONS,
        "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001") + event("e3", "2010-03"),
    })


sys.path.insert(0, str(Path(__file__).parent))
