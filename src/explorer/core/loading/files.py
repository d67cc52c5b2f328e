"""Which files make a dataset (found once per open), and what loading it gives.

Kept apart from the parser so that re-opening from the load cache (which needs
both) does not import the parser and the schema checker.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as m
from ..problems import Problem


class LoadCancelled(Exception):
    """The person cancelled the load."""


@dataclass
class LoadResult:
    dataset: m.Dataset | None
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    path: Path | None = None  # what was opened: a folder or a .toml file

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def dataset_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """The TOML files of a dataset folder, `dataset.toml` first."""
    problems: list[Problem] = []
    files: list[Path] = []
    try:
        real_root = root.resolve()
    except OSError:
        real_root = root
    walk_errors: list[OSError] = []
    # symlinked folders are not followed (no loops, nothing outside the dataset)
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_errors.append, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(".toml") or name.startswith("."):
                continue
            f = Path(dirpath) / name
            rel = f.relative_to(root).as_posix()
            if f.is_symlink():
                try:
                    target = f.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(Problem(rel, "broken symbolic link; not read"))
                    continue
                if real_root != target and real_root not in target.parents:
                    problems.append(Problem(rel, f"symbolic link to {target}, outside the dataset folder; not read"))
                    continue
            try:
                regular = f.is_file()
            except OSError:
                regular = False
            if not regular:  # a FIFO or device would block or never end
                problems.append(Problem(rel, "not a regular file; not read"))
                continue
            files.append(f)
    for err in walk_errors:
        where = Path(err.filename).relative_to(root).as_posix() if err.filename and str(err.filename).startswith(str(root)) else "."
        problems.append(Problem(where or ".", f"cannot read folder: {err.strerror or err}"))
    main = root / "dataset.toml"
    if not files:
        problems.append(Problem(".", "empty dataset folder: no `dataset.toml` and no other .toml files"))
    elif main not in files:
        problems.append(Problem("dataset.toml", "missing `dataset.toml`: a dataset folder needs one, with `schema = 1` and a [dataset] table"))
    else:
        files.remove(main)
        files.insert(0, main)
    return files, problems


@dataclass
class DatasetFiles:
    """The files of one dataset as found on disk, once per open."""

    path: Path  # what was asked for
    base: Path  # relative paths are relative to this folder
    files: list[Path]
    rels: list[str]
    sizes: list[int]
    problems: list[Problem]

    @property
    def total(self) -> int:
        return sum(self.sizes)


def scan(path: str | os.PathLike) -> DatasetFiles:
    """Find the files of the dataset at `path` (a folder or one .toml file); never raises.

    Anything but a regular file or a folder (a FIFO, a device) is refused, as is
    a path that cannot be reached, with a problem saying so."""
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return DatasetFiles(path, path, [], [], [], [Problem(str(path), "no such file or folder")])
    except OSError as e:
        return DatasetFiles(path, path, [], [], [], [Problem(str(path), f"cannot open: {e.strerror or e}")])
    if stat.S_ISDIR(st.st_mode):
        files, problems = dataset_files(path)
        base = path
    elif stat.S_ISREG(st.st_mode):
        files, problems, base = [path], [], path.parent
    else:
        return DatasetFiles(path, path, [], [], [], [Problem(str(path), "not a regular file or folder; not read")])
    sizes = []
    for f in files:
        try:
            sizes.append(f.stat().st_size)
        except OSError:
            sizes.append(0)
    rels = [f.relative_to(base).as_posix() for f in files]
    return DatasetFiles(path, base, files, rels, sizes, problems)
