"""Writing output files safely: the one atomic writer and the one export error.

Every export (cards, TimelineJS, CSV, imported datasets' files) goes through
here, so each promise holds everywhere:

- the output appears whole or not at all (a temporary file beside it, then a
  rename); a failed or cancelled write leaves no half file, and part files left
  by a killed export (`.NAME.*.part`, ours only) are removed by the next one;
- a new file gets the user's normal permissions (0666 minus the umask), and a
  file that is replaced keeps its mode and group;
- a symbolic link is written through: its target is replaced, the link stays;
- anything that is not a regular file (a folder, a device, a FIFO) is refused,
  and so is an output inside or over the dataset being read (`protect`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

STALE_PART_SECONDS = 60  # part files older than this, of our naming, are left over from a killed export


class ExportError(Exception):
    """An output could not be written; the message says why, for a person."""


class ExportCancelled(ExportError):
    """The person cancelled the export."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def dataset_inputs(path: str | os.PathLike | None, dataset=None) -> tuple[Path, ...]:
    """What an export must never write into or over: the dataset folder, or a single dataset file
    and the map's GeoJSON beside it."""
    if path is None:
        return ()
    path = Path(path)
    geo = getattr(dataset, "geo", None)
    if path.is_dir() or geo is None:
        return (path,)
    return (path, geo.geometry_file(path.parent))


def _unsafe_link(link: Path) -> str:
    """Why following the symlink `link` is refused ("" when it is fine): like Linux's
    protected_symlinks, a link in a sticky, world-writable folder (/tmp) that someone else owns
    could point at any of your files."""
    try:
        lst = os.lstat(link)
        folder = os.stat(link.parent if str(link.parent) else ".")
    except OSError:
        return ""
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and lst.st_uid != os.geteuid() and lst.st_uid != folder.st_uid:
        return "it is a symbolic link that someone else made in a shared folder; refusing to follow it"
    return ""


def resolve_output(out: str | os.PathLike, protect: Iterable[str | os.PathLike] = ()) -> Path:
    """The real file to write for `out` (through a symlink), or ExportError saying why not."""
    out = Path(out)
    if out.is_symlink():
        why = _unsafe_link(out)
        if why:
            raise ExportError(f"cannot write {out}: {why}")
    target = Path(os.path.realpath(out))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportError(f"cannot write {out}: it is a folder; give a file name")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise ExportError(f"cannot write {out}: it is not a regular file (a device or a pipe); choose another name")
    if st is not None and not st.st_mode & 0o222:
        raise ExportError(f"cannot write {out}: the file is read-only; refusing to replace it")
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {out}: folder {out.parent} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"cannot write {out}: folder {out.parent} is not writable")
    for p in protect:
        real = Path(os.path.realpath(p))
        if target == real or real in target.parents:
            raise ExportError(f"refusing to write {out}: it is inside the dataset being read ({p}); "
                              "choose a place outside it")
    return target


def _clean_stale_parts(target: Path) -> None:
    """Remove part files of our own naming only: `.NAME.` + mkstemp's 8 characters + `.part`."""
    import re

    ours = re.compile(r"\." + re.escape(target.name) + r"\.[a-z0-9_]{8}\.part\Z")
    now = time.time()
    for part in target.parent.glob(f".{target.name}.*.part"):
        if not ours.match(part.name):
            continue
        try:
            st = part.lstat()
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and now - st.st_mtime > STALE_PART_SECONDS:
                part.unlink()
        except OSError:
            pass


@contextlib.contextmanager
def atomic_path(out: str | os.PathLike, protect: Iterable[str | os.PathLike] = ()) -> Iterator[Path]:
    """A temporary path to write to; on success it replaces `out` (see the module doc)."""
    target = resolve_output(out, protect)
    _clean_stale_parts(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    try:
        yield Path(tmp)
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
            with contextlib.suppress(OSError):  # keeping the group needs membership: best effort
                os.chown(tmp, -1, old.st_gid)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(out: str | os.PathLike, text: str, protect: Iterable[str | os.PathLike] = ()) -> None:
    with atomic_path(out, protect) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
