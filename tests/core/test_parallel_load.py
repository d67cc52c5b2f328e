"""A big dataset's last files are parsed in a helper process; the result is exactly a serial load's."""

import sys
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, event, parse_path
from explorer.core.loading import child as parallel
from explorer.core.loading.parse import LoadCancelled

from bench import make_dataset


def rows(r):
    return [(e.id, e.date, e.title, e.summary, e.category, e.parties, e.names, e.tags, e.related, e.sources, e.file)
            for e in r.dataset.events] if r.dataset else None


def both(monkeypatch, root):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.delenv("EXPLORER_NO_PARALLEL", raising=False)
    par = parse_path(root)
    monkeypatch.setenv("EXPLORER_NO_PARALLEL", "1")
    ser = parse_path(root)
    return par, ser


def test_same_result_as_a_serial_load(tmp_path, monkeypatch):
    root = make_dataset.write(3000, tmp_path / "syn", per_file=500, seed=3)
    files = [f for f in sorted(root.rglob("*.toml"))]
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    assert parallel.plan([f.stat().st_size for f in files], 2**30)  # the helper gets work
    par, ser = both(monkeypatch, root)
    assert par.dataset is not None
    assert rows(par) == rows(ser)
    assert [str(p) for p in par.problems] == [str(p) for p in ser.problems]


def test_problems_in_helper_files_are_reported_the_same(make_dataset, monkeypatch):
    root = make_dataset({
        "dataset.toml": MINIMAL_HEAD + POSITIONS,
        "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001"),
        "events/b.toml": event("e3", "2002") + event("e1", "2003"),  # duplicate of a main-process id
        "events/c.toml": event("e4", "2004-02-30"),  # invalid date
        "events/d.toml": "[[event]\n",  # syntax error
    })
    par, ser = both(monkeypatch, root)
    assert par.dataset is None
    assert [str(p) for p in par.problems] == [str(p) for p in ser.problems]
    text = "\n".join(map(str, par.problems))
    assert "duplicate event id `e1`" in text and "February 2004 has 29 days" in text and "events/d.toml:1:" in text


def test_cancel_stops_the_helper(tmp_path, monkeypatch):
    root = make_dataset.write(2000, tmp_path / "syn", per_file=250, seed=4)
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.delenv("EXPLORER_NO_PARALLEL", raising=False)
    launched = []
    real_start = parallel.start_build
    monkeypatch.setattr(parallel, "start_build", lambda items: launched.append(real_start(items)) or launched[-1])
    with pytest.raises(LoadCancelled):
        parse_path(root, cancel=lambda: True)
    assert launched and launched[0].poll() is not None  # the helper was stopped and reaped
