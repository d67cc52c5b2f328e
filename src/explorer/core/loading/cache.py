"""A load cache keyed on file content: re-opening an unchanged dataset skips parsing.

The key is a SHA-256 hash of the loader's format version and of every file's
relative path and bytes, so an edited, added or removed file always gives a new
key (never stale). Only datasets that loaded without errors are cached; their
warnings are cached too. Set `EXPLORER_NO_CACHE=1` to bypass it.

An entry is `MAC (32 bytes) | header length (8 bytes) | header | details`: the
header is the pickled dataset and problems; each event's details are packed
into the details section, and a re-opened event refers to them by offset
(`core.details.Stored` on a `DetailsFile`, which keeps the entry open; on Linux
an open file outlives its deletion, so removing the cache folder is safe).

Trust: an entry is unpickled only if its MAC (HMAC-SHA256 under a per-user key
kept in the state folder, 0600) is right, so an entry planted by someone else
is refused; the cache folder is created 0700 and refused (with a reason, see
`cache_problem`) when it is not owned by the user or is writable by others;
entries are opened without following links and only if they are regular files.
"""

from __future__ import annotations

import copyreg
import gc
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
import tempfile
import weakref
from pathlib import Path

from ..details import Stored, unavailable
from ..model import Event, restore_event
from ..problems import Problem
from .files import DatasetFiles, LoadResult
from .heap import building_model

def _format() -> bytes:
    """Changes whenever the pickled classes may change: Explorer's version and the model's source."""
    from ... import __version__
    from .. import model

    # the Python version too: packed event details are in `marshal`'s format, which is version-specific
    h = hashlib.blake2b(f"explorer-load-cache-8/{__version__}/{sys.version}".encode(), digest_size=12)
    core = Path(model.__file__).parent
    # what is valid (schema.py) and what is built (the model) decide an entry's meaning; the schema
    # is hashed as a file, not imported: a cache hit must not import the checker
    for f in (core / "model.py", core / "dates.py", core / "details.py", core / "schema.py", core / "geo.py"):
        try:
            h.update(f.read_bytes())
        except OSError:  # frozen bundle without sources: the version decides
            pass
    return h.hexdigest().encode()


FORMAT = _format()
MAX_ENTRIES = 8
PARALLEL_HASH_BYTES = 4 * 2**20
_MAC = 32
_LEAD = _MAC + 8  # the MAC and the header's length
_SPLIT = hasattr(os, "pread")  # elsewhere (Windows) details stay inside the header


def cache_dir() -> Path:
    env = os.environ.get("EXPLORER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "explorer" / "datasets"


def _state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "explorer"


def _owned_private(st: os.stat_result) -> str:
    """Why a cache folder or file with this status cannot be trusted ("" when it can)."""
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return "it belongs to another user"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others can write to it"
    return ""


def cache_problem(folder: Path | None = None) -> str:
    """Why the cache folder is refused ("" when it is usable or does not exist yet)."""
    folder = folder or cache_dir()
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return ""
    except OSError as e:
        return f"the load cache {folder} cannot be read ({e.strerror or e})"
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return f"the load cache {folder} is not a folder; it is not used"
    why = _owned_private(st)
    return f"the load cache {folder} is not used: {why}" if why else ""


def _key() -> bytes | None:
    """The per-user key that authenticates entries (created 0600 on first use)."""
    folder = _state_dir()
    path = folder / "cache.key"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            st = os.fstat(fd)
            if _owned_private(st) or st.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or not stat.S_ISREG(st.st_mode):
                return None
            key = os.read(fd, 64)
        finally:
            os.close(fd)
        return key if len(key) == 32 else None
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            return _key()
        except OSError:
            return None
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except OSError:
        return None


def _file_digest(file: Path) -> tuple[int, bytes]:
    # OpenSSL's SHA-256 uses the CPU's SHA instructions: twice BLAKE2's speed here
    data = file.read_bytes()
    return len(data), hashlib.sha256(data).digest()


def content_key(found: DatasetFiles) -> str | None:
    """Hash of every file of the dataset; None when a file cannot be read."""
    if found.problems:
        return None
    files = found.files
    try:
        if len(files) > 1 and (os.cpu_count() or 1) > 1 and sum(found.sizes) > PARALLEL_HASH_BYTES:
            # hashing releases the interpreter lock (for a small dataset, starting threads costs more)
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
                digests = list(pool.map(_file_digest, files))
        else:
            digests = [_file_digest(f) for f in files]
    except OSError:
        return None
    h = hashlib.sha256(FORMAT)
    for rel, (size, digest) in zip(found.rels, digests):
        rel_b = rel.encode()
        h.update(len(rel_b).to_bytes(4, "little") + rel_b + size.to_bytes(8, "little") + digest)
    return h.hexdigest()


class DetailsFile:
    """Reads packed event details from an open cache entry (see core.details.Stored)."""

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
        return unavailable(problem)


def _stored_event(*args):  # a name only: the entry's unpickler resolves it to one bound to its file
    raise pickle.UnpicklingError("stored events are read only through the load cache")


class _EntryPickler(pickle.Pickler):
    """Pickles a load result, moving each event's packed details into `blobs` (the details section).

    Events are found through a private dispatch table, so the pickler's C code calls
    Python only for them (`reducer_override` would be called for every object).
    The table holds a plain function closed over the blob list, not a bound method:
    a bound method would make the pickler a reference cycle that keeps the pickled
    dataset alive until the next collection (soak test)."""

    def __init__(self, file):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        blobs: list[bytes] = []
        size = [0]

        def event(obj: Event):
            blob = obj.packed_details()
            ref = (size[0] << 32) | len(blob)
            blobs.append(blob)
            size[0] += len(blob)
            return (_stored_event, (obj.id, obj.date, obj.title, obj.category, obj.parties, obj.tags,
                                    obj.related, obj.file, ref))

        self.blobs = blobs
        self.dispatch_table = copyreg.dispatch_table.copy()
        self.dispatch_table[Event] = event


class _EntryUnpickler(pickle.Unpickler):
    def __init__(self, file, store: DetailsFile | None):
        super().__init__(file)
        self._store = store

    def find_class(self, module: str, name: str):
        if module == __name__ and name == "_stored_event":
            store = self._store

            def stored_event(id, date, title, category, parties, tags, related, file, ref):
                return restore_event(id, date, title, category, parties, tags, related, file, Stored(store, ref))
            return stored_event
        return super().find_class(module, name)


def _open_entry(file: Path):
    """The entry opened for reading, only if it is a regular file of ours (no links, FIFOs, devices)."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or _owned_private(st):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb", buffering=0)


def _read_entry(file: Path) -> LoadResult | None:
    key = _key()
    fh = _open_entry(file) if key is not None else None
    if fh is None:
        return None
    keep = False
    try:
        try:
            blob = fh.readall()
        except OSError:
            return None
        body = memoryview(blob)[_MAC:]  # views: a copy of 60 MB costs as much as the MAC
        head_len = int.from_bytes(blob[_MAC:_LEAD], "little") if len(blob) >= _LEAD else -1
        if (len(blob) < _LEAD or not hmac.compare_digest(hmac.new(key, body, "sha256").digest(), blob[:_MAC])
                or not 0 < head_len <= len(blob) - _LEAD):
            file.unlink(missing_ok=True)  # truncated, damaged or not ours: forget it
            return None
        store = DetailsFile(fh, _LEAD + head_len) if len(blob) > _LEAD + head_len else None
        try:
            with building_model():  # see heap.py
                dataset, problems = _EntryUnpickler(io.BytesIO(body[8:8 + head_len]), store).load()
        except Exception:  # noqa: BLE001 - any damage means "not cached"
            file.unlink(missing_ok=True)
            return None
        if not all(isinstance(p, Problem) for p in problems):
            return None
        keep = store is not None
        return LoadResult(dataset, problems)
    finally:
        if not keep:
            fh.close()


def _write_entry(folder: Path, file: Path, result: LoadResult, key: bytes) -> None:
    head = io.BytesIO()
    pickler = _EntryPickler(head) if _SPLIT else pickle.Pickler(head, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((result.dataset, result.problems))
    details = b"".join(pickler.blobs) if _SPLIT else b""
    del pickler
    head_view = head.getbuffer()
    head_len = len(head_view).to_bytes(8, "little")
    mac = hmac.new(key, head_len, "sha256")
    mac.update(head_view)
    mac.update(details)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".entry-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in (mac.digest(), head_len, head_view, details):
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


def entry_for(found: DatasetFiles) -> Path | None:
    """Where the cache keeps this dataset as its files are now (None: no caching)."""
    if os.environ.get("EXPLORER_NO_CACHE") or cache_problem():
        return None
    key = content_key(found)
    return None if key is None else cache_dir() / f"{key}.pickle"


def read(entry: Path, found: DatasetFiles) -> LoadResult | None:
    """The result kept in `entry`, for the dataset `found` (None: not there or not trusted)."""
    hit = _read_entry(entry)
    geo = hit.dataset.geo if hit is not None else None
    if geo is not None and not geo.fresh(found.base):
        return None  # the key covers the TOML files only: an edited GeoJSON means a fresh load
    if hit is not None:
        hit.files, hit.path = found.files, found.path
        try:
            os.utime(entry)  # most recently used
        except OSError:
            pass
    return hit


def write(entry: Path, result: LoadResult) -> bool:
    """Keep `result` in `entry`; False when the cache cannot be written (only slower)."""
    key = _key()
    if key is None:
        return False
    try:
        gc.disable()
        _write_entry(entry.parent, entry, result, key)
        return True
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    finally:
        gc.enable()
