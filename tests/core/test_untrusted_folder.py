"""A dataset folder never runs code, and the load cache trusts only what this user wrote (#16.1, #16.5)."""

import os
import pickle
import stat
import sys

import pytest

from explorer.core import loading
from explorer.core.loading import cache, child, open_dataset
from tests.helpers import MINIMAL_HEAD, POSITIONS, event

PLANTED = "import pathlib; pathlib.Path({marker!r}).write_text('ran')\n"


@pytest.fixture
def hostile(make_dataset, tmp_path):
    """A valid dataset whose folder also holds modules named like the standard library's."""
    root = make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS,
                         "events/a.toml": event("e1", "1995-05-05") + event("e2", "2001")})
    marker = tmp_path / "ran.txt"
    for name in ("json", "pickle", "tomli", "explorer", "sitecustomize", "encodings"):
        (root / f"{name}.py").write_text(PLANTED.format(marker=str(marker)))
    return root, marker


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache" / "datasets"
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(folder))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    return folder


def test_the_load_child_runs_isolated(hostile, monkeypatch, cache_folder):
    root, marker = hostile
    monkeypatch.chdir(root)
    monkeypatch.setenv("PYTHONPATH", str(root))  # what an attacker's shell setup could add
    monkeypatch.setenv("PYTHONSTARTUP", str(root / "json.py"))
    cmd = child.command("parts")
    assert "-I" in cmd and child.environment().get("PYTHONPATH") is None
    monkeypatch.setattr(loading, "parallel_ok", lambda nbytes: True)  # small as it is: use the helper child
    seen = []
    real = child.Helpers.results

    def spy(self, cancel=None):
        for got in real(self, cancel):
            seen.append(got)
            yield got

    monkeypatch.setattr(child.Helpers, "results", spy)
    result = open_dataset(root)
    assert result.dataset is not None and [e.id for e in result.dataset.events] == ["e1", "e2"]
    assert seen and all(key is not None for _, key in seen)  # the child did build its files
    assert not marker.exists()


def test_a_window_load_in_the_child_runs_no_code_from_the_folder(hostile, monkeypatch, cache_folder):
    root, marker = hostile
    monkeypatch.chdir(root)
    monkeypatch.setenv("PYTHONPATH", str(root))
    monkeypatch.setattr(loading, "CHILD_FROM_BYTES", 0)
    result = open_dataset(root, in_child=True)
    assert result.dataset is not None and [e.id for e in result.dataset.events] == ["e1", "e2"]
    assert not marker.exists()


def test_a_planted_cache_entry_is_refused(mini, cache_folder, tmp_path):
    marker = tmp_path / "planted.txt"
    first = open_dataset(mini)
    entries = [f for f in cache_folder.iterdir() if f.is_file()]
    assert entries

    class Evil:
        def __reduce__(self):
            return (exec, (PLANTED.format(marker=str(marker)),))

    body = pickle.dumps((Evil(), []))
    for entry in entries:  # every part and manifest: well formed, wrong MAC
        entry.write_bytes(b"\0" * 32 + len(body).to_bytes(8, "little") + body)
    again = open_dataset(mini)
    assert not marker.exists()
    assert [e.id for e in again.dataset.events] == [e.id for e in first.dataset.events]


def test_a_cache_folder_others_can_write_is_not_used(mini, cache_folder):
    cache_folder.mkdir(parents=True)
    os.chmod(cache_folder, 0o777)
    assert "others can write to it" in cache.cache_problem()
    assert open_dataset(mini).dataset is not None
    assert not [f for f in cache_folder.iterdir() if f.is_file()]


def test_the_cache_folder_is_private(mini, cache_folder):
    open_dataset(mini)
    assert stat.S_IMODE(os.stat(cache_folder).st_mode) == 0o700
    key = next(cache._state_dir().glob("*.key"))
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_an_entry_that_is_not_a_regular_file_is_never_read(mini, cache_folder, kind):
    open_dataset(mini)
    entries = [f for f in cache_folder.iterdir() if f.is_file()]
    assert entries
    for entry in entries:
        entry.unlink()
        if kind == "symlink":
            entry.symlink_to("/dev/zero")
        else:
            os.mkfifo(entry)
    result = open_dataset(mini)  # would hang or exhaust memory if the entry were read
    assert result.dataset is not None


@pytest.mark.skipif(sys.platform != "linux", reason="FIFOs and devices as they behave on Linux")
@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_is_not_a_dataset(tmp_path, target):
    path = tmp_path / "some.fifo" if target == "fifo" else target
    if target == "fifo":
        os.mkfifo(path)
    result = open_dataset(path)
    assert result.dataset is None and "not a regular file or folder" in str(result.problems[0])
