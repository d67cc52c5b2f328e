"""One way to load a dataset: `open_dataset(path, progress=None, cancel=None) -> LoadResult`.

Used by the command line, the window (`ui/shell/loading.py` runs it on a
thread) and live reload. An open:

1. finds the dataset's files once (`files.scan`: a folder or one .toml file;
   FIFOs, devices and links out of the folder are refused) and hashes each;
2. re-opens it from the load cache when nothing changed: every file's part
   and the dataset's manifest (`parts.assemble`; no parsing, no checks);
3. otherwise builds only the files whose part is not cached (`parse`,
   `builder`, `fastpath`, `reader`), with helper children building some of
   them when there are many (`child`), merges the parts and runs the checks
   across files (`merge`), and caches what it built (`cache`).

With `in_child=True` (the window), more than `CHILD_FROM_BYTES` of files to
build go to children entirely: this process never parses long, so the window
keeps painting and Cancel ends the children at once. `on_events(events)` is
called with each file's events as soon as they are built or read, before the
merge (the command line's `list --json` writes them as JSON meanwhile); a
caller with that work of its own gives a larger share of the files to the
helper child (`child.BUSY_SHARE`). Nothing here raises for
bad input: problems come back in the `LoadResult`; only `LoadCancelled` ends
an open early.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Callable

from ..problems import DatasetError
from . import cache
from .files import DatasetFiles, LoadCancelled, LoadResult, scan
from .heap import building_model
from .parts import Manifest, Part, assemble

CHILD_FROM_BYTES = 8 * 2**20  # the window builds more than this in child processes
PARALLEL_FROM_BYTES = 16 * 2**20  # elsewhere, from this size one helper child builds part of it


def parallel_ok(nbytes: int) -> bool:
    """Whether a helper child pays for itself on `nbytes` of files (decided here: a small open does not
    even import `child`, and its subprocess machinery)."""
    return (nbytes >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) >= 2 and not getattr(sys, "frozen", False)
            and not os.environ.get("EXPLORER_NO_PARALLEL"))


CHILDREN = 2  # at most, for the window

Progress = Callable[[int, int], None]


class CancelToken:
    """Cancels an open from another thread; `cancel()` also ends child processes at once."""

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
                 cancel: Callable[[], bool] | None = None, *, in_child: bool = False,
                 later: Callable[[Callable[[], None]], None] | None = None,
                 on_events: Callable[[list], None] | None = None) -> LoadResult:
    """Load and validate the dataset at `path`; never raises for bad input (see the module doc).

    `later(job)`, if given, runs `job` (writing what this open adds to the load cache) when
    convenient: the window writes after its first paint, not before. `on_events(events)`: see the
    module doc (the events of a file whose part has errors are passed too; the dataset then
    does not load)."""
    found = scan(path)
    if not found.files:
        return LoadResult(None, found.problems, [], found.path)
    with building_model():  # see heap.py
        run = _Open(found, progress, cancel, in_child, on_events)
        result = run.run()
    if run.writes or run.wrote:
        later(run.write) if later is not None else run.write()
    return result


def cached(path: str | os.PathLike) -> LoadResult | None:
    """The cached result for `path` as its files are now, or None (nothing is parsed)."""
    found = scan(path)
    if not found.files or found.problems or not cache.enabled():
        return None
    with building_model():
        return _Open(found, None, None, False).hit(cache.file_keys(found))


class _Open:
    def __init__(self, found: DatasetFiles, progress, cancel, in_child: bool, on_events=None):
        self.found = found
        self.on_events = on_events
        self.progress = progress
        self.cancel = cancel
        self.in_child = in_child
        self.parts: list[Part | None] = [None] * len(found.files)
        self.done = 0
        self.writes: list[tuple[Path, object]] = []  # entries to keep, see `write`
        self.wrote = False  # children wrote entries already

    def run(self) -> LoadResult:
        found = self.found
        use = cache.enabled()
        keys = cache.file_keys(found) if use else [None] * len(found.files)
        if use and not found.problems:
            hit = self.hit(keys)
            if hit is not None:
                return hit
        if use:
            self._read_parts(keys)
        missing = [i for i, p in enumerate(self.parts) if p is None]
        self.done = found.total - sum(found.sizes[i] for i in missing)
        if missing:
            self._build(missing, use)
        from .merge import merge  # only now: a cache hit runs no check

        merged = merge(found, self.parts)
        if merged is None:  # files conflict: the serial load's messages name the first definition
            from .parse import parse

            return parse(found, None, self.cancel)
        result, manifest = merged
        if use and manifest is not None and not found.problems:
            self.writes.append((cache.manifest_file(cache.manifest_key([p.key for p in self.parts])), manifest))
        return result

    def write(self) -> None:
        """Keep the parts built here and the manifest in the load cache."""
        for file, obj in self.writes:
            cache.write(file, obj)
        if self.writes or self.wrote:
            cache.trim()
        self.writes = []

    def hit(self, keys: list[str | None]) -> LoadResult | None:
        if not all(keys):
            return None
        manifest_file = cache.manifest_file(cache.manifest_key(keys))
        if not manifest_file.exists():
            return None
        manifest = cache.read(manifest_file, Manifest)
        if manifest is None or not self._read_parts(keys):
            return None
        return assemble(self.found, self.parts, manifest)

    def _read_parts(self, keys: list[str | None]) -> bool:
        """Read the cached parts of `keys` not read yet; True when all are there."""
        secret = cache.secret()
        for i, key in enumerate(keys):
            if self.parts[i] is None and key is not None:
                f = cache.part_file(key)
                part = cache.read(f, Part, secret) if secret is not None and f.exists() else None
                if part is not None and part.rel == self.found.rels[i] and part.key == key:
                    self.parts[i] = part
                    if self.on_events is not None:
                        self.on_events(part.events)
        return all(p is not None for p in self.parts)

    # -- building what is not cached ------------------------------------------------------------
    def _build(self, missing: list[int], use: bool) -> None:
        from .fastpath import event_builder
        from .parse import parse_part

        found, sizes = self.found, self.found.sizes
        single = not found.path.is_dir()
        fast_event = event_builder()
        nbytes = sum(sizes[i] for i in missing)
        mine, jobs = missing, []
        if self.in_child and nbytes >= CHILD_FROM_BYTES:
            from . import child

            mine, jobs = [], child.spread(missing, sizes, min(CHILDREN, os.cpu_count() or 1))
        elif parallel_ok(nbytes):
            from . import child

            mine, theirs = child.split(missing, sizes, child.SHARE if self.on_events is None else child.BUSY_SHARE)
            jobs = [theirs] if theirs else []
        secret = cache.secret() if jobs else None
        if secret is None:
            mine, jobs = missing, []
        # with the cache off, children write into a private folder (created 0700), read back at once
        with _private_folder() if jobs else contextlib.nullcontext() as tmp:
            out = cache.cache_dir() if use or not jobs else Path(tmp)
            helpers = child.Helpers([[(i, str(found.files[i].resolve()), found.rels[i]) for i in job]
                                     for job in jobs], single, out) if jobs else None
            if helpers is not None and hasattr(self.cancel, "on_cancel"):
                self.cancel.on_cancel(helpers.stop)
            try:
                for i in mine:
                    self._here(i, parse_part, single, fast_event, use)
                if helpers is not None:
                    for i, key in helpers.results(self.cancel):
                        part = cache.read(cache.part_file(key, out), Part, secret) if key else None
                        if part is not None and part.rel == found.rels[i]:
                            self.parts[i] = part
                            self.wrote = True
                            self._advance(i)
                    self._check_cancel()
                for i in missing:  # what a child could not keep (errors) or did not do
                    if self.parts[i] is None:
                        self._here(i, parse_part, single, fast_event, use)
            finally:
                if helpers is not None:
                    helpers.stop()

    def _here(self, i: int, parse_part, single: bool, fast_event, use: bool) -> None:
        part = parse_part(self.found.files[i], self.found.rels[i], single, fast_event, use)
        if use and part.ok and part.key:
            self.writes.append((cache.part_file(part.key), part))
        self.parts[i] = part
        self._advance(i)

    def _advance(self, i: int) -> None:
        if self.on_events is not None:
            self.on_events(self.parts[i].events)
        self.done += self.found.sizes[i]
        if self.progress is not None:
            self.progress(self.done, self.found.total)
        self._check_cancel()

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise LoadCancelled(f"loading {self.found.path} was cancelled")


def load_dataset(path: str | os.PathLike):
    """The dataset at `path`, or `DatasetError` listing every problem."""
    result = open_dataset(path)
    if result.dataset is None:
        raise DatasetError(result.problems)
    return result.dataset


__all__ = ["open_dataset", "cached", "load_dataset", "LoadResult", "LoadCancelled", "CancelToken",
           "CHILD_FROM_BYTES"]


def _private_folder():
    import tempfile

    return tempfile.TemporaryDirectory(prefix="explorer-load-", ignore_cleanup_errors=True)
