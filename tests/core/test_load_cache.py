"""The per-file load cache: an edit re-parses only the edited file, a merge gives exactly a serial
load's result, and entries are trusted only when they are ours."""

import os

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, event, parse_path
from explorer.core.loading import cache, entries, open_dataset
from explorer.core.loading import parse as parse_mod
from explorer.core.loading.parts import Part

from bench import make_dataset


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    monkeypatch.setenv("EXPLORER_NO_PARALLEL", "1")
    return folder


@pytest.fixture
def parsed(monkeypatch):
    """The relative paths of the files parsed, in order (the rest came from the cache)."""
    seen = []
    real = parse_mod.parse_part

    def parse_part(path, rel, *args, **kw):
        seen.append(rel)
        return real(path, rel, *args, **kw)

    monkeypatch.setattr(parse_mod, "parse_part", parse_part)
    return seen


def same(a, b):
    rows = lambda r: [(e.id, e.date, e.title, e.summary, e.category, e.parties, e.names, e.places, e.tags, e.notes,  # noqa: E731
                       e.related, e.sources, e.file) for e in r.dataset.events] if r.dataset else None
    assert rows(a) == rows(b)
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    if a.dataset is not None:
        assert [(p.party, p.since) for p in a.dataset.positions] == [(p.party, p.since) for p in b.dataset.positions]
        assert [e.name for e in a.dataset.eras] == [e.name for e in b.dataset.eras]
        assert list(a.dataset.parties) == list(b.dataset.parties)


def test_editing_one_file_parses_only_that_file(tmp_path, cache_folder, parsed):
    root = make_dataset.write(1000, tmp_path / "syn", per_file=100, seed=7)  # dataset.toml and 10 event files
    first = open_dataset(root)
    assert len(parsed) == 11
    parsed.clear()
    assert open_dataset(root).dataset is not None and parsed == []  # unchanged: nothing parsed
    f = root / "events" / "part-0004.toml"
    f.write_text(f.read_text(encoding="utf-8").replace('title = "', 'title = "Edited ', 1), encoding="utf-8")
    again = open_dataset(root)
    assert parsed == ["events/part-0004.toml"]
    assert len(again.dataset.events) == len(first.dataset.events)
    assert sum(e.title.startswith("Edited ") for e in again.dataset.events) == 1
    same(again, parse_path(root))
    parsed.clear()
    (root / "events" / "part-0004.toml").rename(root / "events" / "part-0099.toml")  # its events' file changes
    assert parsed == [] and open_dataset(root).dataset.event("ev-000400").file == "events/part-0099.toml"
    assert parsed == ["events/part-0099.toml"]


def test_adding_and_removing_files_parses_only_new_ones(mini, cache_folder, parsed):
    open_dataset(mini)
    parsed.clear()
    (mini / "events" / "b.toml").write_text(event("e9", "2020"), encoding="utf-8")
    assert open_dataset(mini).dataset.event("e9") is not None and parsed == ["events/b.toml"]
    parsed.clear()
    (mini / "events" / "b.toml").unlink()
    assert open_dataset(mini).dataset.event("e9") is None and parsed == []


DATASETS = {
    "clean": {"dataset.toml": MINIMAL_HEAD + POSITIONS,
              "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001"),
              "events/b.toml": event("e3", "2001", 'related = [{ id = "e1", relation = "follows" }]')},
    "warnings": {"dataset.toml": MINIMAL_HEAD,  # parties without stance
                 "events/a.toml": event("e1", "1995").replace('[[event.source]]\ntitle = "S"\n', "")},
    "unknown references": {"dataset.toml": MINIMAL_HEAD + POSITIONS,
                           "events/a.toml": event("e1", "1995", 'related = [{ id = "nope", relation = "follows" }]'),
                           "events/b.toml": event("e2", "1996").replace('category = "c"', 'category = "cx"')},
    "same id in two files": {"dataset.toml": MINIMAL_HEAD + POSITIONS,
                             "events/a.toml": event("e1", "1995"), "events/b.toml": event("e1", "1996")},
    "second dataset table": {"dataset.toml": MINIMAL_HEAD + POSITIONS,
                             "events/a.toml": MINIMAL_HEAD.replace("schema = 1\n", "")},
    "syntax and schema errors": {"dataset.toml": MINIMAL_HEAD + POSITIONS, "events/a.toml": "[[event]\n",
                                 "events/b.toml": event("e2", "1995-02-30")},
}


@pytest.mark.parametrize("name", list(DATASETS))
def test_a_merge_gives_exactly_a_serial_load(name, make_dataset, cache_folder):
    root = make_dataset(DATASETS[name])
    serial = parse_path(root)
    same(open_dataset(root), serial)  # first open: every file alone, then merged
    same(open_dataset(root), serial)  # from the cache (parts, and the manifest if it loaded)


def test_merge_matches_a_serial_load_on_real_and_synthetic_data(bundled, tmp_path, cache_folder):
    syn = make_dataset.write(3000, tmp_path / "syn", per_file=700, seed=9)
    for root in (bundled, syn):
        serial = parse_path(root)
        same(open_dataset(root), serial)
        same(open_dataset(root), serial)


def test_a_one_file_dataset(make_dataset, cache_folder, parsed):
    root = make_dataset({"all.toml": MINIMAL_HEAD + POSITIONS + event("e1", "1995")})
    single = root / "all.toml"
    same(open_dataset(single), parse_path(single))
    parsed.clear()
    assert open_dataset(single).dataset.event("e1") is not None and parsed == []


# -- trust -------------------------------------------------------------------------------------------
def test_an_entry_made_with_another_key_is_refused(mini, cache_folder, parsed):
    open_dataset(mini)
    for f in cache_folder.iterdir():  # re-written with someone else's key
        obj = entries.load(f, cache.secret())
        entries.dump(cache_folder, f, obj, os.urandom(32))
    parsed.clear()
    assert open_dataset(mini).dataset is not None
    assert len(parsed) == 2  # both files parsed again: no entry was trusted


def test_a_folder_others_can_write_to_is_not_used(mini, cache_folder, parsed):
    cache_folder.mkdir(mode=0o700)
    cache_folder.chmod(0o777)
    assert "others can write" in cache.cache_problem()
    open_dataset(mini)
    open_dataset(mini)
    assert len(parsed) == 4 and not list(cache_folder.iterdir())


def test_links_are_not_followed(mini, cache_folder, tmp_path, parsed):
    open_dataset(mini)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for f in list(cache_folder.iterdir()):
        target = elsewhere / f.name
        f.rename(target)
        f.symlink_to(target)
    parsed.clear()
    assert open_dataset(mini).dataset is not None and len(parsed) == 2


def test_folder_and_entries_are_private(mini, cache_folder):
    open_dataset(mini)
    assert cache_folder.stat().st_mode & 0o777 == 0o700
    assert all(f.stat().st_mode & 0o077 == 0 for f in cache_folder.iterdir())


def test_least_recently_used_entries_go_first(tmp_path, cache_folder):
    a = make_dataset.write(300, tmp_path / "a", per_file=100, seed=1)
    b = make_dataset.write(300, tmp_path / "b", per_file=100, seed=2)
    from explorer.core.loading.files import scan

    open_dataset(a)
    open_dataset(b)
    total = sum(f.stat().st_size for f in cache_folder.iterdir())
    cache.trim(max_bytes=int(total * 0.9))  # too much: the oldest go, down to 80 % of the limit
    assert all(cache.part_file(k).exists() for k in cache.file_keys(scan(b)))  # b, used last, stays
    assert not all(cache.part_file(k).exists() for k in cache.file_keys(scan(a)))
    assert sum(f.stat().st_size for f in cache_folder.iterdir()) <= total * 0.9 * 0.8


def test_a_part_is_a_plain_record(mini, cache_folder):
    open_dataset(mini)
    got = [cache.read(f, Part) for f in cache_folder.glob("*.part")]
    assert sorted(p.rel for p in got) == ["dataset.toml", "events/a.toml"]
    assert all(p.ok and p.key for p in got)
