"""The fast path builds exactly what the checker would, and the load cache is never stale."""

import sys
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, event, parse_path
from explorer.core.loading import open_dataset
from explorer.core.loading import parse as parse_mod

from bench import make_dataset


def slow_load(monkeypatch, path):
    with monkeypatch.context() as m:
        m.setattr(parse_mod, "event_builder", lambda: (lambda raw, rel: None))
        return parse_path(path)


def as_rows(ds):
    return [(e.id, e.date, e.date.start, e.date.end, e.title, e.summary, e.category, e.parties, e.names, e.places,
             e.tags, e.notes, e.related, e.sources, e.file) for e in ds.events]


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_fast_path_matches_checker(which, bundled, tmp_path, monkeypatch):
    path = bundled if which == "bundled" else make_dataset.write(400, tmp_path / "syn", per_file=150)
    fast = parse_path(path)
    slow = slow_load(monkeypatch, path)
    assert fast.dataset is not None and slow.dataset is not None
    assert as_rows(fast.dataset) == as_rows(slow.dataset)
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]


def test_events_the_fast_path_refuses_still_get_messages(make_dataset):
    root = make_dataset({
        "dataset.toml": MINIMAL_HEAD + POSITIONS,
        "events/a.toml": event("e1", "1995-05-05") + event("e2", "1995-02-30") + event("e1", "1996")
        + event("e3", "2001", 'tags = ["x", 3]'),
    })
    r = parse_path(root)
    text = "\n".join(map(str, r.problems))
    assert "February 1995 has 28 days, not 30" in text
    assert "duplicate event id `e1`" in text
    assert "field `tags` item 2 must be text" in text


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    return folder


def test_cache_hit_is_the_same_dataset(mini, cache_folder, monkeypatch):
    first = open_dataset(mini)
    assert len(list(cache_folder.glob("*.part"))) == 2  # one per file
    assert len(list(cache_folder.glob("*.manifest"))) == 1  # the checks across files

    def boom(*args, **kw):
        raise AssertionError("parsed again although nothing changed")

    monkeypatch.setattr(parse_mod, "parse", boom)
    monkeypatch.setattr(parse_mod, "parse_part", boom)
    again = open_dataset(mini)
    assert as_rows(again.dataset) == as_rows(first.dataset)
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert again.files == first.files
    assert again.dataset.event("e2").title == "Event e2"


def test_cache_is_never_stale(mini, cache_folder):
    open_dataset(mini)
    f = mini / "events" / "a.toml"
    f.write_text(f.read_text(encoding="utf-8").replace("Event e2", "Edited"), encoding="utf-8")
    assert open_dataset(mini).dataset.event("e2").title == "Edited"
    (mini / "events" / "b.toml").write_text(event("e9", "2020"), encoding="utf-8")
    assert open_dataset(mini).dataset.event("e9") is not None
    (mini / "events" / "b.toml").unlink()
    assert open_dataset(mini).dataset.event("e9") is None


@pytest.mark.parametrize("kind", ["part", "manifest"])
def test_corrupt_or_deleted_cache_is_ignored(mini, cache_folder, kind):
    open_dataset(mini)
    entry = max(cache_folder.glob(f"*.{kind}"), key=lambda p: p.stat().st_size)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    r = open_dataset(mini)
    assert r.dataset.event("e1") is not None
    entry.write_bytes(b"garbage")
    assert open_dataset(mini).dataset is not None
    import shutil

    shutil.rmtree(cache_folder)
    assert open_dataset(mini).dataset is not None


def test_broken_datasets_are_not_cached(make_dataset, cache_folder):
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + "[[event]\n"})
    r = open_dataset(root)
    assert r.dataset is None and r.errors
    assert not list(cache_folder.glob("*.part")) and not list(cache_folder.glob("*.manifest"))


def test_cache_can_be_switched_off(mini, cache_folder, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    assert open_dataset(mini).dataset is not None
    assert not cache_folder.exists()


@pytest.mark.parametrize("extra", ['related = ""', "related = {}", "related = 3", 'tags = ""', "tags = {}",
                                   'places = "x"', 'names = ""', "names = []", "parties = {}", 'notes = 3',
                                   "related = [{ id = \"e1\" }]", 'category = ""', "category = 3"])
def test_fast_path_refuses_what_the_checker_refuses(make_dataset, extra, monkeypatch):
    body = event("e1", "1995-05-05") + event("e2", "2001", extra)
    if extra.startswith(("parties", "category")):
        key = extra.split(" ")[0]
        body = event("e1", "1995-05-05") + event("e2", "2001").replace(
            next(line for line in event("e2").splitlines() if line.startswith(key + " =")), extra)
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": body})
    fast = parse_path(root)
    slow = slow_load(monkeypatch, root)
    assert fast.dataset is None and slow.dataset is None, extra
    assert [str(p) for p in fast.problems] == [str(p) for p in slow.problems]


def test_reopened_events_read_their_details_from_the_entry(bundled, cache_folder):
    first = open_dataset(bundled).dataset
    again = open_dataset(bundled).dataset
    assert all(e.details_held == "stored" for e in again.events)  # not held in memory
    assert as_rows(again) == as_rows(first)
    assert again.events == first.events
    jd = again.event("joint-declaration-1956")
    assert jd.sources and jd.sources[0].url.startswith("https://") and "Hatoyama" in jd.summary
    assert again.index_of(jd.id) == first.index_of(jd.id)
    assert [(e.id, r.relation) for e, r in again.incoming(jd.id)] == [(e.id, r.relation) for e, r in first.incoming(jd.id)]
    # the entry is kept open: deleting the cache folder or evicting the entry loses nothing
    import shutil

    shutil.rmtree(cache_folder)
    assert as_rows(again) == as_rows(first)


def test_unreadable_details_give_a_message_not_a_crash(mini, cache_folder, monkeypatch):
    from explorer.core.loading import entries

    monkeypatch.setattr(entries, "KEEP_IN_MEMORY", 0)  # read through the open entry, however small
    open_dataset(mini)
    ds = open_dataset(mini).dataset
    import os

    for entry in cache_folder.glob("*.part"):
        os.truncate(entry, 200)  # the same open files, now too short for their details sections
    ev = ds.event("e2")
    assert "Details unavailable" in ev.summary and ev.sources == []


def test_events_survive_pickling_in_every_form(bundled):
    import pickle

    ds = parse_path(bundled).dataset
    once = pickle.loads(pickle.dumps(ds))  # details packed into one blob per event
    assert all(e.details_held == "packed" for e in once.events)
    twice = pickle.loads(pickle.dumps(once))
    assert as_rows(twice) == as_rows(once) == as_rows(ds)
    assert once.event("joint-declaration-1956") == ds.event("joint-declaration-1956")
    assert once.event("no-such-event") is None


def test_loading_freezes_the_model_out_of_garbage_collection(mini, cache_folder):
    import gc

    gc.unfreeze()
    ds = open_dataset(mini).dataset
    assert gc.get_freeze_count() > 0
    assert not any(e is ds for e in gc.get_objects(generation=2))  # skipped by collections
    gc.unfreeze()


def test_a_cache_hit_does_not_import_the_parser(mini, cache_folder):
    """Start-up re-opens the last dataset from the cache: tomli and the checker stay unloaded."""
    import os
    import subprocess

    code = ("import sys; from explorer.core.loading import open_dataset; r = open_dataset(sys.argv[1]); "
            "assert r.dataset is not None; print(sorted(m for m in ('tomli', 'explorer.core.loading.parse', "
            "'explorer.core.schema', 'explorer.core.loading.merge', 'explorer.core.loading.builder', "
            "'explorer.core.geo_load') if m in sys.modules))")
    env = dict(os.environ, EXPLORER_CACHE_DIR=str(cache_folder))
    first = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True, text=True, env=env)
    again = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True, text=True, env=env)
    assert "tomli" in first.stdout, first.stderr  # parsed the first time
    assert again.stdout.strip() == "[]", again.stderr


def test_a_replaced_dataset_is_freed_at_once(mini, cache_folder):
    """No reference cycle keeps a loaded dataset alive (the loads `gc.freeze()` what exists, so a
    dataset kept by a cycle until the next collection would be pinned for good: the live-reload leak).
    Deterministic: reference counting alone must free it, whatever the timing."""
    import gc
    import weakref

    gc.disable()
    try:
        for _ in range(3):  # a miss that writes the entry, then hits that read it
            result = open_dataset(mini)
            ref = weakref.ref(result.dataset)
            del result
            assert ref() is None
    finally:
        gc.enable()
        gc.unfreeze()
