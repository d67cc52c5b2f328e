"""A load cache keyed on file content: re-opening an unchanged dataset skips parsing.

The key is a BLAKE2 hash of the loader's format version and of every file's
relative path and bytes, so an edited, added or removed file always gives a new
key (never stale). Entries live in the user cache folder
(`$XDG_CACHE_HOME/explorer/datasets`, or `EXPLORER_CACHE_DIR`), are written
atomically, carry a CRC-32 of their own bytes, and are ignored (and removed)
when unreadable or corrupt, so deleting the folder is always safe. Only
datasets that loaded without errors are cached; their warnings are cached too.
Set `EXPLORER_NO_CACHE=1` to bypass it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import zlib
from pathlib import Path

from .loader import LoadResult, dataset_files, load
from .problems import Problem

def _format() -> bytes:
    """Changes whenever the pickled classes may change: Explorer's version and the model's source."""
    from .. import __version__
    from . import dates, model

    h = hashlib.blake2b(f"explorer-load-cache-4/{__version__}".encode(), digest_size=12)
    for mod in (model, dates):
        try:
            h.update(Path(mod.__file__).read_bytes())
        except (OSError, TypeError):  # frozen bundle without sources: the version decides
            pass
    return h.hexdigest().encode()


FORMAT = _format()
MAX_ENTRIES = 8


def cache_dir() -> Path:
    env = os.environ.get("EXPLORER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "explorer" / "datasets"


def content_key(path: Path) -> tuple[str, list[Path]] | None:
    """Hash of every file of the dataset; None when a file cannot be read."""
    if path.is_dir():
        files, problems = dataset_files(path)
        if problems:
            return None
        base = path
    elif path.is_file():
        files, base = [path], path.parent
    else:
        return None
    h = hashlib.blake2b(FORMAT, digest_size=20)
    try:
        for f in files:
            data = f.read_bytes()
            rel = f.relative_to(base).as_posix().encode()
            h.update(len(rel).to_bytes(4, "little") + rel + len(data).to_bytes(8, "little"))
            h.update(data)
    except OSError:
        return None
    return h.hexdigest(), files


def _read_entry(file: Path) -> LoadResult | None:
    try:
        blob = file.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:4], blob[4:]
    if len(blob) < 4 or zlib.crc32(payload).to_bytes(4, "little") != digest:
        file.unlink(missing_ok=True)  # truncated or damaged: forget it
        return None
    was = gc.isenabled()
    gc.disable()  # see loader.load: nothing to collect while building
    try:
        dataset, problems = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any damage means "not cached"
        file.unlink(missing_ok=True)
        return None
    finally:
        if was:
            gc.enable()
    if not all(isinstance(p, Problem) for p in problems):
        return None
    return LoadResult(dataset, problems)


def _write_entry(folder: Path, file: Path, result: LoadResult) -> None:
    payload = pickle.dumps((result.dataset, result.problems), protocol=pickle.HIGHEST_PROTOCOL)
    blob = zlib.crc32(payload).to_bytes(4, "little") + payload
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def load_cached(path: str | os.PathLike, progress=None) -> LoadResult:
    """Like `loader.load`, but re-opening unchanged files comes from the cache."""
    return load_cached_entry(path, progress)[0]


def load_cached_entry(path: str | os.PathLike, progress=None) -> tuple[LoadResult, Path | None]:
    """`load_cached`, also naming the cache entry that now holds the result (None if none)."""
    path = Path(path)
    if os.environ.get("EXPLORER_NO_CACHE"):
        return load(path, progress), None
    keyed = content_key(path)
    if keyed is None:
        return load(path, progress), None
    key, files = keyed
    folder = cache_dir()
    entry = folder / f"{key}.pickle"
    if entry.exists():
        hit = _read_entry(entry)
        if hit is not None:
            hit.files = files
            hit.dataset.root = str(path)
            try:
                os.utime(entry)  # most recently used
            except OSError:
                pass
            return hit, entry
    result = load(path, progress)
    if result.dataset is not None:
        try:
            gc.disable()
            _write_entry(folder, entry, result)
            return result, entry
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # a cache that cannot be written is only slower
        finally:
            gc.enable()
    return result, None


def read_entry(entry: Path, path: Path, files: list[Path]) -> LoadResult | None:
    """A cache entry written by a load in another process (see ui.background_load)."""
    hit = _read_entry(Path(entry))
    if hit is not None:
        hit.files = files
        hit.dataset.root = str(path)
    return hit
