"""One way to load a dataset: `open_dataset(path, progress=None, cancel=None) -> LoadResult`.

Used by the command line, the window (`ui/shell/loading.py` runs it on a
thread), live reload and the child process. An open:

1. finds the dataset's files once (`files.scan`: a folder or one .toml file;
   FIFOs, devices and links out of the folder are refused);
2. re-opens it from the load cache when its files are unchanged (`cache`);
3. otherwise parses and checks it (`parse`, `builder`, `fastpath`), with a
   helper child parsing part of a big dataset (`child`), and caches the result.

With `in_child=True` a big dataset (over `CHILD_FROM_BYTES`) is opened whole in
an isolated child process (the window uses this so it never freezes, and Cancel
ends the child at once). Nothing here raises for bad input: problems come back
in the `LoadResult`; only `LoadCancelled` ends an open early.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable

from ..problems import DatasetError, Problem
from . import cache
from .files import DatasetFiles, LoadResult, scan

CHILD_FROM_BYTES = 8 * 2**20  # datasets this big open in a child process for the window

Progress = Callable[[int, int], None]


class LoadCancelled(Exception):
    """The person cancelled the load."""


class CancelToken:
    """Cancels an open from another thread; `cancel()` also ends a child process at once."""

    def __init__(self) -> None:
        self._set = False
        self._hooks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        self._set = True
        for hook in list(self._hooks):
            hook()

    def __call__(self) -> bool:
        return self._set

    def on_cancel(self, hook: Callable[[], None]) -> None:
        self._hooks.append(hook)
        if self._set:
            hook()


def open_dataset(path: str | os.PathLike, progress: Progress | None = None,
                 cancel: Callable[[], bool] | None = None, *, in_child: bool = False) -> LoadResult:
    """Load and validate the dataset at `path`; never raises for bad input (see the module doc)."""
    found = scan(path)
    if not found.files:
        return LoadResult(None, found.problems, [], found.path)
    if in_child and found.total >= CHILD_FROM_BYTES and not found.problems:
        entry = cache.entry_for(found)
        hit = cache.read(entry, found) if entry is not None and entry.exists() else None
        return hit if hit is not None else _open_in_child(found, progress, cancel)
    return _open_here(found, progress, cancel)[0]


def open_dataset_here(path: str | os.PathLike, progress: Progress | None = None,
                      cancel: Callable[[], bool] | None = None) -> tuple[LoadResult, Path | None]:
    """`open_dataset` in this process, also naming the cache entry that holds the result."""
    return _open_here(scan(path), progress, cancel)


def _open_here(found: DatasetFiles, progress, cancel) -> tuple[LoadResult, Path | None]:
    entry = cache.entry_for(found) if found.files else None
    if entry is not None and entry.exists():
        hit = cache.read(entry, found)
        if hit is not None:
            return hit, entry
    from .parse import LoadCancelled as ParseCancelled, parse  # only now: a cache hit needs no parser

    try:
        result = parse(found, progress, cancel)
    except ParseCancelled as e:
        raise LoadCancelled(str(e)) from None
    if entry is not None and result.dataset is not None and cache.write(entry, result):
        return result, entry
    return result, None


def _open_in_child(found: DatasetFiles, progress, cancel) -> LoadResult:
    from . import child

    with tempfile.TemporaryDirectory(prefix="explorer-load-") as tmp:  # created 0700
        out = Path(tmp) / "result.pickle"
        try:
            proc = child.spawn("open", str(found.path.resolve()), str(out))
        except OSError:
            return _open_here(found, progress, cancel)[0]  # no child possible: load here
        stopped = False

        def stop() -> None:
            nonlocal stopped
            stopped = True
            if proc.poll() is None:
                proc.kill()

        if hasattr(cancel, "on_cancel"):
            cancel.on_cancel(stop)
        answer = None
        try:
            for raw in proc.stdout:
                kind, _, rest = raw.decode("utf-8", "replace").strip().partition(" ")
                if kind == "progress" and progress is not None:
                    done, total = (int(x) for x in rest.split())
                    progress(done, total)
                elif kind in ("entry", "result"):
                    answer = (kind, rest)
                if cancel is not None and cancel():
                    stop()
            err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        if stopped:
            raise LoadCancelled(f"loading {found.path} was cancelled")
        if answer is None:
            detail = err[-1] if err else f"exit code {proc.returncode}"
            return LoadResult(None, [Problem(found.path.name, f"loading stopped unexpectedly ({detail})")],
                              found.files, found.path)
        kind, where = answer
        if kind == "entry":
            hit = cache.read(Path(where), found)
            return hit if hit is not None else _open_here(found, progress, cancel)[0]
        with open(out, "rb") as fh:  # written by our own child into our private folder
            result = pickle.load(fh)
        result.files, result.path = found.files, found.path
        return result


def cached(path: str | os.PathLike) -> LoadResult | None:
    """The cached result for `path` as its files are now, or None (nothing is parsed)."""
    found = scan(path)
    entry = cache.entry_for(found) if found.files else None
    return cache.read(entry, found) if entry is not None and entry.exists() else None


def load_dataset(path: str | os.PathLike):
    """The dataset at `path`, or `DatasetError` listing every problem."""
    result = open_dataset(path)
    if result.dataset is None:
        raise DatasetError(result.problems)
    return result.dataset


__all__ = ["open_dataset", "open_dataset_here", "cached", "load_dataset", "LoadResult", "LoadCancelled",
           "CancelToken", "CHILD_FROM_BYTES"]
