"""One load-cache entry on disk: authenticated, pickled, with event details kept apart.

An entry is `MAC (32 bytes) | header length (8 bytes) | header | details`: the
header is the pickled object (a file's `Part`, or a dataset's `Manifest`);
each event's details are packed into the details section, and a re-opened
event refers to them by offset (`core.details.Stored`). A big details section
stays on disk, read through the open entry (`DetailsFile`, `os.pread`; on
Linux an open file outlives its deletion, so evicting the entry or removing
the cache folder is safe); a small one is kept in memory (`MemoryDetails`), so
a dataset of a thousand small files does not hold a thousand open files.

Trust: an entry is unpickled only if its MAC (HMAC-SHA256 under the per-user
key, see `cache._key`) is right, so an entry planted by someone else is
refused; entries are opened without following links and only if they are
regular files owned by the user and not writable by others.
"""

from __future__ import annotations

import copyreg
import hmac
import io
import os
import pickle
import stat
import weakref
from pathlib import Path

from ..details import Stored, unavailable
from ..model import Event, restore_event
from .heap import building_model

_MAC = 32
_LEAD = _MAC + 8  # the MAC and the header's length
SPLIT = hasattr(os, "pread")  # elsewhere (Windows) details stay inside the header
KEEP_IN_MEMORY = 64 * 1024  # details sections up to this size are read into memory


def owned_private(st: os.stat_result) -> str:
    """Why a cache folder or file with this status cannot be trusted ("" when it can)."""
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return "it belongs to another user"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others can write to it"
    return ""


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


class MemoryDetails:
    """The details section of a small entry, held in memory."""

    __slots__ = ("_blob",)

    def __init__(self, blob: bytes):
        self._blob = blob

    def read(self, ref: int) -> bytes:
        length, offset = ref & 0xFFFFFFFF, ref >> 32
        return self._blob[offset:offset + length]


def _stored_event(*args):  # a name only: the entry's unpickler resolves it to one bound to its file
    raise pickle.UnpicklingError("stored events are read only through the load cache")


class _EntryPickler(pickle.Pickler):
    """Pickles an object, moving each event's packed details into `blobs` (the details section).

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
    def __init__(self, file, store):
        super().__init__(file)
        self._store = store

    def find_class(self, module: str, name: str):
        if module == __name__ and name == "_stored_event":
            store = self._store

            def stored_event(id, date, title, category, parties, tags, related, file, ref):
                return restore_event(id, date, title, category, parties, tags, related, file, Stored(store, ref))
            return stored_event
        return super().find_class(module, name)


def _open(file: Path):
    """The entry opened for reading, only if it is a regular file of ours (no links, FIFOs, devices)."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or owned_private(st):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb", buffering=0)


def load(file: Path, key: bytes):
    """The object kept in `file`, or None (missing, damaged, or not authenticated by `key`)."""
    fh = _open(file)
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
        details = len(blob) - _LEAD - head_len
        if details > KEEP_IN_MEMORY:
            store = DetailsFile(fh, _LEAD + head_len)
            keep = True
        else:
            store = MemoryDetails(blob[_LEAD + head_len:]) if details else None
        try:
            with building_model():  # see heap.py
                return _EntryUnpickler(io.BytesIO(body[8:8 + head_len]), store).load()
        except Exception:  # noqa: BLE001 - any damage means "not cached"
            keep = False
            file.unlink(missing_ok=True)
            return None
    finally:
        if not keep:
            fh.close()


def dump(folder: Path, file: Path, obj, key: bytes) -> None:
    """Write `obj` as the entry `file` (atomically, created 0600 in the 0700 `folder`)."""
    head = io.BytesIO()
    pickler = _EntryPickler(head) if SPLIT else pickle.Pickler(head, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump(obj)
    details = b"".join(pickler.blobs) if SPLIT else b""
    del pickler
    head_view = head.getbuffer()
    head_len = len(head_view).to_bytes(8, "little")
    mac = hmac.new(key, head_len, "sha256")
    mac.update(head_view)
    mac.update(details)
    import tempfile

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
