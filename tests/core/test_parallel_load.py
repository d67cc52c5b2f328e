"""Helper children build some files of a big dataset into parts; the result is exactly a serial load's."""

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, event, parse_path
from explorer.core import loading
from explorer.core.loading import LoadCancelled, child, open_dataset
from explorer.core.loading import parse as parse_mod

from bench import make_dataset


def rows(r):
    return [(e.id, e.date, e.title, e.summary, e.category, e.parties, e.names, e.tags, e.related, e.sources, e.file)
            for e in r.dataset.events] if r.dataset else None


@pytest.fixture
def counted(monkeypatch):
    """The files built in this process (the rest were built by children)."""
    built = []
    real = parse_mod.parse_part

    def parse_part(path, rel, *args, **kw):
        built.append(rel)
        return real(path, rel, *args, **kw)

    monkeypatch.setattr(parse_mod, "parse_part", parse_part)
    return built


@pytest.fixture(params=["cache", "no-cache"])
def helpers_on(request, monkeypatch, tmp_path):
    monkeypatch.setattr(loading, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.delenv("EXPLORER_NO_PARALLEL", raising=False)
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    if request.param == "no-cache":
        monkeypatch.setenv("EXPLORER_NO_CACHE", "1")  # the children write into a private folder
    else:
        monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    return request.param


def test_same_result_as_a_serial_load(tmp_path, helpers_on, counted):
    root = make_dataset.write(3000, tmp_path / "syn", per_file=500, seed=3)
    par = open_dataset(root)
    assert par.dataset is not None
    assert 0 < len(counted) < len(par.files)  # a child built some of the files
    ser = parse_path(root)
    assert rows(par) == rows(ser)
    assert [str(p) for p in par.problems] == [str(p) for p in ser.problems]


def test_the_window_gives_a_big_load_to_children(tmp_path, helpers_on, counted, monkeypatch):
    monkeypatch.setattr(loading, "CHILD_FROM_BYTES", 0)
    root = make_dataset.write(2000, tmp_path / "syn", per_file=250, seed=5)
    par = open_dataset(root, in_child=True)
    assert counted == []  # nothing parsed in this process
    assert rows(par) == rows(parse_path(root))
    assert all(e.details_held == "stored" for e in par.dataset.events)  # read back from the children's entries


def test_problems_in_helper_files_are_reported_the_same(make_dataset, helpers_on):
    root = make_dataset({
        "dataset.toml": MINIMAL_HEAD + POSITIONS,
        "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001"),
        "events/b.toml": event("e3", "2002") + event("e1", "2003"),  # duplicate of another file's id
        "events/c.toml": event("e4", "2004-02-30"),  # invalid date
        "events/d.toml": "[[event]\n",  # syntax error
    })
    par, ser = open_dataset(root), parse_path(root)
    assert par.dataset is None
    assert [str(p) for p in par.problems] == [str(p) for p in ser.problems]
    text = "\n".join(map(str, par.problems))
    assert "duplicate event id `e1`" in text and "February 2004 has 29 days" in text and "events/d.toml:1:" in text


def test_cancel_stops_the_children(tmp_path, helpers_on, monkeypatch):
    monkeypatch.setattr(loading, "CHILD_FROM_BYTES", 0)
    root = make_dataset.write(2000, tmp_path / "syn", per_file=250, seed=4)
    started = []
    real = child.Helpers

    def helpers(*args, **kw):
        started.append(real(*args, **kw))
        return started[-1]

    monkeypatch.setattr(child, "Helpers", helpers)
    token = loading.CancelToken()
    with pytest.raises(LoadCancelled):
        open_dataset(root, lambda done, total: token.cancel(), token, in_child=True)
    assert started and started[0].procs
    assert all(p.poll() is not None for p in started[0].procs)  # stopped and reaped


def test_on_events_gets_each_file_once_and_the_child_builds_more(tmp_path, helpers_on, counted):
    """A caller with work of its own per file (`on_events`) gives a larger share of the files to the
    helper child and gets each file's events once, as built here, as read back from the child, or as
    read from the cache."""
    root = make_dataset.write(6000, tmp_path / "syn", per_file=500, seed=6)
    ser = parse_path(root)
    for attempt in range(2):  # built here and by the child; then (cache on) re-opened from the cache
        got = []
        counted.clear()
        r = open_dataset(root, on_events=lambda evs: got.append(list(evs)))
        if attempt == 0 or helpers_on == "no-cache":
            n_files = len([f for f in r.files if f.name != "dataset.toml"])
            assert 1 < len(counted) <= 0.5 * n_files  # the child built more than half
        else:
            assert counted == []
        assert rows(r) == rows(ser)
        assert sorted(id(e) for evs in got for e in evs) == sorted(id(e) for e in r.dataset.events)  # the same objects
        assert len(got) == len([f for f in r.files if f.name != "dataset.toml"]) + 1  # one call a file


def test_on_events_without_children_in_a_small_load(make_dataset, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_PARALLEL", "1")
    root = make_dataset({"dataset.toml": MINIMAL_HEAD, "events/a.toml": event("e1", "1995") + event("e2", "2001"),
                         "events/b.toml": event("e3", "2002")})
    got = []
    r = open_dataset(root, on_events=got.append)
    assert sorted(len(evs) for evs in got) == [0, 1, 2] and r.dataset is not None
    assert {e.id for evs in got for e in evs} == {"e1", "e2", "e3"}
