"""Red-team findings about loading untrusted datasets (redteam/REPORT.md).

Each test states what the threat model (#16) expects; those that fail on the current code are
named by the finding's number (redteam/REPORT.md); all are fixed and these tests keep them fixed.
"""

import os
import shutil
import stat
import sys
import threading
import time

import pytest

from explorer.core import loading
from explorer.core.loading import cache, child, open_dataset
from tests.helpers import BUNDLED, MINIMAL_HEAD, POSITIONS, ROOT, event

MAP_BASE = ROOT / "redteam" / "base"  # the documented map example (docs/dataset-format.md)


def map_dataset(dst, toml=None, geojson=None):
    """A copy of the map example; `toml` maps old text -> new text in dataset.toml."""
    shutil.copytree(MAP_BASE, dst)
    text = (dst / "dataset.toml").read_text(encoding="utf-8")
    for old, new in (toml or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    (dst / "dataset.toml").write_text(text, encoding="utf-8")
    if geojson is not None:
        (dst / "shapes.geojson").write_text(geojson, encoding="utf-8")
    return dst


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache" / "datasets"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    return folder


def open_with_deadline(path, fifo, seconds=5.0):
    """open_dataset(path) on a thread; if it is still blocked after `seconds` (reading `fifo`),
    unblock it by opening the FIFO's write end, and say how long it was blocked."""
    out = {}

    def work():
        out["result"] = open_dataset(path)

    t = threading.Thread(target=work, daemon=True)
    start = time.monotonic()
    t.start()
    t.join(seconds)
    blocked = t.is_alive()
    if blocked:  # a reader is waiting on the FIFO: give it an empty write end so it sees EOF
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        t.join(30)
    return blocked, time.monotonic() - start, out.get("result")


# -- finding 1: a cache hit re-reads the GeoJSON without the loader's checks ---------------------
@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs as on Linux")
def test_redteam_cached_twin_of_the_bundled_dataset_with_a_fifo_geojson_does_not_hang(tmp_path, cache_folder):
    assert open_dataset(BUNDLED).ok  # the app opens its bundled dataset first: now it is cached
    twin = tmp_path / "twin"
    shutil.copytree(BUNDLED, twin)  # the same TOML bytes, so the same cache key
    geo = twin / "map" / "regions.geojson"
    geo.unlink()
    os.mkfifo(geo)
    blocked, seconds, result = open_with_deadline(twin, geo)
    assert not blocked, f"open_dataset blocked on the FIFO for {seconds:.1f} s"
    assert result is not None and not result.ok
    assert any("not a regular file" in p.message for p in result.problems)


@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs as on Linux")
def test_redteam_cached_twin_never_reads_a_geojson_link_outside_the_folder(tmp_path, cache_folder):
    benign = map_dataset(tmp_path / "benign")
    assert open_dataset(benign).ok
    outside = tmp_path / "private"  # stands for any file of the user's outside the dataset
    os.mkfifo(outside)  # a FIFO, so that reading it shows (the reader blocks)
    twin = map_dataset(tmp_path / "twin")
    (twin / "shapes.geojson").unlink()
    os.symlink(outside, twin / "shapes.geojson")
    blocked, seconds, result = open_with_deadline(twin, outside)
    assert not blocked, f"a file outside the dataset was opened for reading (blocked {seconds:.1f} s)"
    assert result is not None and not result.ok
    assert any("outside the dataset folder" in p.message for p in result.problems)


def test_redteam_without_the_cache_the_same_twin_is_refused_at_once(tmp_path, monkeypatch):
    """What finding 1 should look like: the uncached load refuses the FIFO at once (held)."""
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    twin = map_dataset(tmp_path / "twin")
    (twin / "shapes.geojson").unlink()
    os.mkfifo(twin / "shapes.geojson")
    blocked, _, result = open_with_deadline(twin, twin / "shapes.geojson")
    assert not blocked and not result.ok
    assert any("not a regular file" in p.message for p in result.problems)


# -- finding 4: numbers longer than Python's int-string limit raise ValueError --------------------
BIG = "1" + "0" * 5000  # over sys.get_int_max_str_digits() (4300)


@pytest.mark.parametrize("where", [
    "toml",
    "geojson",
    "edtf",
])
def test_redteam_a_five_thousand_digit_number_is_a_problem_not_an_exception(tmp_path, monkeypatch, where):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    if where == "toml":
        ds = map_dataset(tmp_path / "ds", {'[[party]]\nid = "north"': f'[[party]]\nid = "north"\nextra = {BIG}'})
    elif where == "geojson":
        geo = (MAP_BASE / "shapes.geojson").read_text().replace("[10.0, 45.0]", f"[{BIG}, 45.0]", 1)
        ds = map_dataset(tmp_path / "ds", geojson=geo)
    else:
        ds = map_dataset(tmp_path / "ds", {'date = "1900-06-01"': f'date = "Y{BIG}"'})
    result = open_dataset(ds)  # documented: never raises for bad input
    assert not result.ok and result.errors


# -- finding 5: a NUL in [map] geometry raises ValueError ------------------------------------------
def test_redteam_a_nul_in_the_geometry_path_is_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_NO_CACHE", "1")
    ds = map_dataset(tmp_path / "ds", {'geometry = "shapes.geojson"': 'geometry = "shapes\\u0000.geojson"'})
    result = open_dataset(ds)
    assert not result.ok and any("geometry" in p.message for p in result.errors)


# -- finding 14: a cache key that the group can read is accepted ------------------------------------
@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX modes")
def test_redteam_a_group_readable_cache_key_is_not_used(mini, cache_folder):
    assert open_dataset(mini).ok  # creates the key
    key = cache._state_dir() / "cache.key"
    assert key.exists()
    os.chmod(key, 0o640)
    try:
        assert cache._secret(key) is None  # (secret() keeps the key read at start for the process)
    finally:
        os.chmod(key, 0o600)


# -- finding 15: the parallel helper gets paths relative to a working directory it does not share ---
def test_redteam_the_parallel_helper_reads_a_dataset_given_by_a_relative_path(make_dataset, tmp_path,
                                                                              monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("the helper runs only with two or more CPUs")
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    monkeypatch.delenv("EXPLORER_NO_PARALLEL", raising=False)
    monkeypatch.setattr(loading, "parallel_ok", lambda nbytes: True)  # use the helper for a small dataset too
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         **{f"events/{n}.toml": event(f"e{n}", "2001") for n in range(1, 7)}})
    seen = []
    real = child.Helpers.results

    def spy(self, cancel=None):
        for got in real(self, cancel):
            seen.append(got)
            yield got

    monkeypatch.setattr(child.Helpers, "results", spy)
    monkeypatch.chdir(root.parent)
    assert open_dataset(root.name).ok
    assert seen and all(key is not None for _, key in seen), seen  # the child found the files
