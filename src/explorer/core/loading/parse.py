"""Parse and check a dataset's files into the model (what a cache miss does).

Every problem is collected, not just the first: syntax errors use tomli's
line and column, schema and reference errors point at the offending key.
`parse_part` builds one file alone (what the load cache keeps, see
`parts.py`); `parse` builds all files with one builder, serially: the
reference result, used when files conflict (the same id in two files), so
that messages are exactly those of a plain serial load.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from .. import geo_load
from ..problems import ERROR, Problem, resolve_lines
from . import cache, reader
from .builder import Builder
from .fastpath import event_builder
from .files import DatasetFiles, LoadCancelled, LoadResult
from .heap import building_model
from .parts import Part

MAX_FILE_BYTES = 64 * 1024 * 1024


def parse(found: DatasetFiles, progress: Callable[[int, int], None] | None = None,
          cancel: Callable[[], bool] | None = None) -> LoadResult:
    """Parse and validate the files `found` in this process; never raises for bad input.

    `progress(done_bytes, total_bytes)` is called after each file; when
    `cancel()` answers True the load stops with `LoadCancelled`."""
    with building_model():  # see heap.py
        return _parse(found, progress, cancel)


def _parse(found: DatasetFiles, progress, cancel) -> LoadResult:
    files, rels, sizes = found.files, found.rels, found.sizes
    problems: list[Problem] = list(found.problems)
    if not files:
        return LoadResult(None, problems, [], found.path)
    texts = Texts()
    builder = Builder(problems, not found.path.is_dir(), texts, event_builder())
    total, done = found.total, 0
    for i in range(len(files)):  # dataset.toml comes first
        data = read_file(files[i], rels[i], problems)
        doc = None if data is None else read_doc(data, rels[i], files[i], problems, texts)
        if doc is not None:  # each parsed tree is dropped once built
            builder.add_file(rels[i], doc)
        done += sizes[i]
        if progress is not None:
            progress(done, total)
        if cancel is not None and cancel():
            raise LoadCancelled(f"loading {found.path} was cancelled")
    dataset = builder.finish() if not any(p.is_error for p in problems) else None
    if dataset is not None:
        builder.check_references(dataset)
        dataset.geo = geo_load.build(builder.geo, dataset, found.base, problems, builder.events, builder.where)
        if any(p.is_error for p in problems):
            dataset = None
    resolve_lines(problems, texts)
    sort_problems(problems)
    return LoadResult(dataset, problems, files, found.path)


def parse_part(path: Path, rel: str, single: bool, fast_event=None, keyed: bool = True) -> Part:
    """The file `path` built alone (see parts.py), keyed on the bytes that were read (if `keyed`)."""
    problems: list[Problem] = []
    data = read_file(path, rel, problems)
    if data is None:
        return Part(rel, "", problems)
    texts = Texts()
    doc = read_doc(data, rel, path, problems, texts)
    builder = Builder(problems, single, texts, fast_event or event_builder())
    if doc is not None:
        builder.add_file(rel, doc)
    resolve_lines(problems, texts)
    return builder.part(rel, cache.file_key(rel, single, data) if keyed else "")


def sort_problems(problems: list[Problem]) -> None:
    problems.sort(key=lambda p: (p.severity != ERROR, p.path != "dataset.toml", p.path, p.line))


class Texts:
    """The text of each file read, for finding the line of a problem.

    Small files are kept; big ones are read again only if a problem needs a line,
    so loading 70 MB of valid files does not also hold 70 MB of text."""

    KEEP_BYTES = 256 * 1024

    def __init__(self):
        self._kept: dict[str, str] = {}
        self._paths: dict[str, Path] = {}

    def remember(self, rel: str, path: Path, text: str | None) -> None:
        self._paths[rel] = path
        if text is not None and len(text) <= self.KEEP_BYTES:
            self._kept[rel] = text

    def __contains__(self, rel: str) -> bool:
        return rel in self._paths

    def __getitem__(self, rel: str) -> str:
        text = self._kept.get(rel)
        if text is None:
            try:
                text = self._paths[rel].read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
            except OSError:
                text = ""
            self._kept[rel] = text
        return text

    def get(self, rel: str, default: str = "") -> str:
        return self[rel] if rel in self else default


def read_file(f: Path, rel: str, problems: list[Problem]) -> bytes | None:
    try:
        size = f.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(rel, f"file is too large ({size // 2**20} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB)"))
            return None
        return f.read_bytes()
    except OSError as e:
        problems.append(Problem(rel, f"cannot read file: {e.strerror or e}"))
        return None


def read_doc(data: bytes, rel: str, f: Path, problems: list[Problem], texts: Texts) -> dict | None:
    """The TOML document in `data`: plain event files by `reader`, the rest by tomli."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        problems.append(Problem(rel, f"file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be decoded); save it as UTF-8", line=line, col=col))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    texts.remember(rel, f, text)
    try:
        return reader.read(text)
    except reader.NotPlain:
        pass
    import tomli  # only now: most event files never need it

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as e:
        msg = getattr(e, "msg", str(e))
        problems.append(Problem(rel, f"TOML syntax error: {msg}", line=getattr(e, "lineno", 0) or 0, col=getattr(e, "colno", 0) or 0))
        return None
    except RecursionError:
        problems.append(Problem(rel, "TOML nesting is too deep"))
        return None
    except ValueError as e:  # tomli: a number of more than 4,300 digits
        problems.append(Problem(rel, f"a number in this file cannot be read ({str(e)[:100]})"))
        return None


__all__ = ["parse", "LoadCancelled"]
