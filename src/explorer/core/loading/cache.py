"""The load cache: one entry per dataset file, keyed on its content, and one small entry per dataset.

- A **part** (`parts.Part`) is what one file gives when built alone: its
  events (details packed, see `entries`), parties, positions, map tables and
  its own problems. Its key is a SHA-256 hash of the cache format, the file's
  relative path, whether it is a one-file dataset, and the file's bytes; so an
  edited file gets a new key, and editing one file of 101 re-parses only it.
- A **manifest** (`parts.Manifest`) is what the checks across files gave for
  one combination of parts (the dataset's problems, its map): its key hashes the
  parts' keys, so an unchanged dataset re-opens without re-running any check.

Entries are never stale: keys cover content, not dates. Only parts without
errors are kept (their warnings too), and manifests of datasets that loaded.
Set `EXPLORER_NO_CACHE=1` to bypass it. Entries are kept least recently used
first up to `MAX_BYTES`.

Trust: entries are authenticated with HMAC-SHA256 under a per-user key kept in
the state folder (0600), so an entry planted by someone else is refused; the
cache folder is created 0700 and refused (with a reason, see `cache_problem`)
when it is not owned by the user or is writable by others; entries are opened
without following links and only if they are regular files (`entries.load`).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from . import entries
from .entries import owned_private
from .files import DatasetFiles

MAX_BYTES = 768 * 2**20
PARALLEL_HASH_BYTES = 4 * 2**20
_SOURCES = ("model.py", "dates.py", "details.py", "schema.py", "geo.py", "geo_load.py", "problems.py", "markup.py",
            "loading/builder.py", "loading/fastpath.py", "loading/reader.py", "loading/parse.py", "loading/parts.py",
            "loading/checks.py")


def _format() -> bytes:
    """Changes whenever what an entry means may change: Explorer's version and the sources that build it."""
    from ... import __version__

    # the Python version too: packed event details are in `marshal`'s format, which is version-specific
    h = hashlib.blake2b(f"explorer-load-cache-9/{__version__}/{sys.version}".encode(), digest_size=12)
    core = Path(__file__).resolve().parents[1]
    # the sources are hashed as files, not imported: a cache hit must not import the parser or the checker
    for name in _SOURCES:
        try:
            h.update((core / name).read_bytes())
        except OSError:  # frozen bundle without sources: the version decides
            pass
    return h.digest()


FORMAT = _format()


def cache_dir() -> Path:
    env = os.environ.get("EXPLORER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "explorer" / "datasets"


def _state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "explorer"


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
    why = owned_private(st)
    return f"the load cache {folder} is not used: {why}" if why else ""


def enabled() -> bool:
    return not os.environ.get("EXPLORER_NO_CACHE") and not cache_problem()


_secrets: dict[Path, bytes] = {}


def secret() -> bytes | None:
    """The per-user key that authenticates entries (created 0600 on first use; read once a process)."""
    path = _state_dir() / "cache.key"
    got = _secrets.get(path) or _secret(path)
    if got is not None:
        _secrets[path] = got
    return got


def _secret(path: Path) -> bytes | None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            st = os.fstat(fd)
            if owned_private(st) or st.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or not stat.S_ISREG(st.st_mode):
                return None
            key = os.read(fd, 64)
        finally:
            os.close(fd)
        return key if len(key) == 32 else None
    except FileNotFoundError:
        import secrets

        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            return _secret(path)
        except OSError:
            return None
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
    except OSError:
        return None


# -- keys -----------------------------------------------------------------------------------
def file_key(rel: str, single: bool, data: bytes) -> str:
    """The key of one file's part: format, relative path, one-file dataset or not, content."""
    # OpenSSL's SHA-256 uses the CPU's SHA instructions: twice BLAKE2's speed here
    h = hashlib.sha256(FORMAT)
    rel_b = rel.encode("utf-8", "surrogateescape")
    h.update(len(rel_b).to_bytes(4, "little") + rel_b + (b"1" if single else b"0"))
    h.update(data)
    return h.hexdigest()


def file_keys(found: DatasetFiles) -> list[str | None]:
    """Each file's key as it is now (None for a file that cannot be read)."""
    single = not found.path.is_dir()

    def one(i: int) -> str | None:
        try:
            return file_key(found.rels[i], single, found.files[i].read_bytes())
        except OSError:
            return None

    n = len(found.files)
    if n > 1 and (os.cpu_count() or 1) > 1 and found.total > PARALLEL_HASH_BYTES:
        # reading and hashing release the interpreter lock (for a small dataset, threads cost more)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            return list(pool.map(one, range(n)))
    return [one(i) for i in range(n)]


def manifest_key(part_keys: list[str]) -> str:
    h = hashlib.sha256(FORMAT + b"/manifest")
    for k in part_keys:
        h.update(k.encode("ascii"))
    return h.hexdigest()


def part_file(key: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / f"{key}.part"


def manifest_file(key: str) -> Path:
    return cache_dir() / f"{key}.manifest"


# -- reading and writing ---------------------------------------------------------------------
def read(file: Path, kind: type, secret_key: bytes | None = None):
    """The `kind` object kept in `file` (None: not there, not trusted, or not a `kind`)."""
    key = secret_key or secret()
    if key is None:
        return None
    got = entries.load(file, key)
    if not isinstance(got, kind):
        return None
    try:
        os.utime(file)  # most recently used
    except OSError:
        pass
    return got


def write(file: Path, obj, secret_key: bytes | None = None) -> bool:
    """Keep `obj` in `file`; False when it cannot be written (only slower)."""
    key = secret_key or secret()
    if key is None:
        return False
    was_enabled = gc.isenabled()
    try:
        gc.disable()
        entries.dump(file.parent, file, obj, key)
        return True
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    finally:
        if was_enabled:
            gc.enable()


def trim(folder: Path | None = None, max_bytes: int = MAX_BYTES) -> None:
    """Remove the least recently used entries until the cache holds at most `max_bytes`."""
    folder = folder or cache_dir()
    try:
        found = []
        total = 0
        with os.scandir(folder) as it:
            for e in it:
                if e.name.endswith((".part", ".manifest")) and e.is_file(follow_symlinks=False):
                    st = e.stat(follow_symlinks=False)
                    found.append((st.st_mtime_ns, st.st_size, e.path))
                    total += st.st_size
    except OSError:
        return
    if total <= max_bytes:
        return
    found.sort()
    for _mtime, size, path in found:
        if total <= max_bytes * 0.8:
            break
        try:
            os.unlink(path)
            total -= size
        except OSError:
            pass
