"""A load cache keyed on file content: re-opening an unchanged dataset skips parsing.

The key is a SHA-256 hash of the loader's format version and of every file's
relative path and bytes, so an edited, added or removed file always gives a new
key (never stale). Entries live in the user cache folder
(`$XDG_CACHE_HOME/explorer/datasets`, or `EXPLORER_CACHE_DIR`), are written
atomically, carry a CRC-32 of their own bytes, and are ignored (and removed)
when unreadable or corrupt, so deleting the folder is always safe. Only
datasets that loaded without errors are cached; their warnings are cached too.
Set `EXPLORER_NO_CACHE=1` to bypass it.

An entry is `CRC-32 | header length (8 bytes) | header | details`: the header
is the pickled dataset and problems; each event's details (summary, notes,
names, places, sources) are packed into the details section instead, and a
re-opened event refers to them by offset. The entry stays open
(`DetailsFile`) and an event reads its details when shown or searched, so they
take no memory; on Linux an open file outlives its deletion, so removing the
cache folder meanwhile is still safe.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import io
import marshal
import os
import pickle
import sys
import tempfile
import weakref
import zlib
from pathlib import Path

from .heap import building_model
from .files import LoadResult, dataset_files
from .model import Event, _unpickle_event
from .problems import Problem

def _format() -> bytes:
    """Changes whenever the pickled classes may change: Explorer's version and the model's source."""
    from .. import __version__
    from . import dates, geo, model

    # the Python version too: packed event details are in `marshal`'s format, which is version-specific
    h = hashlib.blake2b(f"explorer-load-cache-7/{__version__}/{sys.version}".encode(), digest_size=12)
    for mod in (model, dates, geo):
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


PARALLEL_HASH_BYTES = 4 * 2**20


def _total_size(files: list[Path]) -> int:
    try:
        return sum(f.stat().st_size for f in files)
    except OSError:
        return 0


def _file_digest(file: Path) -> tuple[int, bytes]:
    # OpenSSL's SHA-256 uses the CPU's SHA instructions: twice BLAKE2's speed here
    data = file.read_bytes()
    return len(data), hashlib.sha256(data).digest()


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
    try:
        if len(files) > 1 and (os.cpu_count() or 1) > 1 and _total_size(files) > PARALLEL_HASH_BYTES:
            # hashing releases the interpreter lock (for a small dataset, starting threads costs more)
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
                digests = list(pool.map(_file_digest, files))
        else:
            digests = [_file_digest(f) for f in files]
    except OSError:
        return None
    h = hashlib.sha256(FORMAT)
    for f, (size, digest) in zip(files, digests):
        rel = f.relative_to(base).as_posix().encode()
        h.update(len(rel).to_bytes(4, "little") + rel + size.to_bytes(8, "little") + digest)
    return h.hexdigest(), files


_LEAD = 12  # CRC-32 and the header's length
_SPLIT = hasattr(os, "pread")  # elsewhere (Windows) details stay inside the header


class DetailsFile:
    """Reads packed event details from an open cache entry (see Event.details)."""

    def __init__(self, fh, base: int):
        self._fd = fh.fileno()
        self._base = base
        self._close = weakref.finalize(self, fh.close)

    def read(self, ref: int) -> bytes:
        length, offset = ref & 0xFFFFFFFF, ref >> 32
        try:
            data = os.pread(self._fd, length, self._base + offset)
            if len(data) == length:
                return data
            problem = "the load cache entry is shorter than expected"
        except OSError as exc:
            problem = f"the load cache could not be read ({exc.strerror or exc})"
        return marshal.dumps((f"[Details unavailable: {problem}. Reload the dataset (Ctrl+R).]", "", {}, (), ()))


class _EntryPickler(pickle.Pickler):
    """Pickles a load result, moving each event's packed details into `blobs` (the details section).

    Events are found through a private dispatch table, so the pickler's C code calls
    Python only for them (`reducer_override` would be called for every object)."""

    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.blobs: list[bytes] = []
        self.size = 0
        self.dispatch_table = copyreg.dispatch_table.copy()
        self.dispatch_table[Event] = self._event

    def _event(self, obj: Event):
        blob = obj._packed()
        ref = (self.size << 32) | len(blob)
        self.blobs.append(blob)
        self.size += len(blob)
        return (_unpickle_event, (obj.id, obj.date, obj.title, obj.category, obj.parties, obj.tags,
                                  obj.related, obj.file, ref))


def _read_entry(file: Path) -> LoadResult | None:
    try:
        fh = open(file, "rb", buffering=0)  # noqa: SIM115 - kept open by DetailsFile
    except OSError:
        return None
    keep = False
    try:
        try:
            blob = fh.readall()
        except OSError:
            return None
        body = memoryview(blob)[4:]  # views: a copy of 60 MB costs as much as the checksum
        head_len = int.from_bytes(blob[4:_LEAD], "little") if len(blob) >= _LEAD else -1
        if (len(blob) < _LEAD or zlib.crc32(body).to_bytes(4, "little") != blob[:4]
                or not 0 < head_len <= len(blob) - _LEAD):
            file.unlink(missing_ok=True)  # truncated or damaged: forget it
            return None
        try:
            with building_model():  # see core/heap.py
                dataset, problems = pickle.loads(body[_LEAD - 4:_LEAD - 4 + head_len])
        except Exception:  # noqa: BLE001 - any damage means "not cached"
            file.unlink(missing_ok=True)
            return None
        if not all(isinstance(p, Problem) for p in problems):
            return None
        if len(blob) > _LEAD + head_len:
            store = DetailsFile(fh, _LEAD + head_len)
            keep = True
            for e in dataset.events:
                if type(e._details) is int:
                    e._store = store
        return LoadResult(dataset, problems)
    finally:
        if not keep:
            fh.close()


def _write_entry(folder: Path, file: Path, result: LoadResult) -> None:
    head = io.BytesIO()
    pickler = _EntryPickler(head) if _SPLIT else pickle.Pickler(head, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((result.dataset, result.problems))
    details = b"".join(pickler.blobs) if _SPLIT else b""
    head_view = head.getbuffer()
    head_len = len(head_view).to_bytes(8, "little")
    crc = zlib.crc32(details, zlib.crc32(head_view, zlib.crc32(head_len)))
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in (crc.to_bytes(4, "little"), head_len, head_view, details):
                fh.write(part)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        head_view.release()
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def _entry_for(path: Path) -> tuple[Path, list[Path]] | None:
    """Where the cache keeps `path` as its files are now, and those files (None: no caching)."""
    if os.environ.get("EXPLORER_NO_CACHE"):
        return None
    keyed = content_key(path)
    if keyed is None:
        return None
    key, files = keyed
    return cache_dir() / f"{key}.pickle", files


def cached(path: str | os.PathLike) -> LoadResult | None:
    """The cached result for `path` as its files are now, or None (nothing is parsed)."""
    found = _entry_for(Path(path))
    if found is None or not found[0].exists():
        return None
    return read_entry(found[0], Path(path), found[1])


def load_cached(path: str | os.PathLike, progress=None) -> LoadResult:
    """Like `loader.load`, but re-opening unchanged files comes from the cache."""
    return load_cached_entry(path, progress)[0]


def load_cached_entry(path: str | os.PathLike, progress=None) -> tuple[LoadResult, Path | None]:
    """`load_cached`, also naming the cache entry that now holds the result (None if none)."""
    path = Path(path)
    entry, files = _entry_for(path) or (None, [])
    if entry is not None and entry.exists():
        hit = read_entry(entry, path, files)
        if hit is not None:
            return hit, entry
    from .loader import load  # only now: a cache hit needs neither tomli nor the checker

    result = load(path, progress)
    if entry is None or result.dataset is None:
        return result, None
    try:
        gc.disable()
        _write_entry(entry.parent, entry, result)
        return result, entry
    except (OSError, pickle.PicklingError, RecursionError):
        return result, None  # a cache that cannot be written is only slower
    finally:
        gc.enable()


def read_entry(entry: Path, path: Path, files: list[Path]) -> LoadResult | None:
    """The result kept in `entry` (also one written by a load in another process, see ui.background_load)."""
    hit = _read_entry(Path(entry))
    geo = hit.dataset.geo if hit is not None else None
    if geo is not None and not geo.fresh(path if path.is_dir() else path.parent):
        return None  # the key covers the TOML files only: an edited GeoJSON means a fresh load
    if hit is not None:
        hit.files = files
        hit.dataset.root = str(path)
        try:
            os.utime(entry)  # most recently used
        except OSError:
            pass
    return hit
