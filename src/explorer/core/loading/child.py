"""The one way a load uses other processes: isolated `python -I` children that build files into parts.

tomli and the builder hold the interpreter lock, so threads cannot share the
parsing; processes can. A child gets a list of files, builds each alone into a
`parts.Part` (`parse.parse_part`, exactly as this process would) and writes it
as an authenticated entry into the load cache (or, with the cache off, into the
caller's private temporary folder); it prints `part INDEX KEY` after each file,
or `part INDEX -` for a file it could not keep (one with errors: the caller
builds it itself, so problems are reported exactly as in a serial load). The
caller reads the entries back, which the load cache does anyway.

Two uses: a big command-line load gives the last ~45 % of the bytes to one
child while it builds the rest (`split`; ~65 % when the caller also works on
every event as it comes, as `list --json` does); the window gives a big load to
children entirely (`spread`), so that its own process never freezes, Cancel
ends them at once, and each child holds one file at a time.

The child never runs code from the dataset's folder or the current directory:
`-I` (no PYTHONPATH, no user site, no script folder on sys.path), a fixed
working directory (the package's own folder), and an explicit environment.
"""

from __future__ import annotations

import gc
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

SHARE = 0.45  # the child also writes its entries, which the caller reads back: a bit less than half
BUSY_SHARE = 0.65  # ... and more when the caller has work of its own for every event (`on_events`)
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[3])  # the folder holding `explorer/`
_PASSED_ENV = ("HOME", "PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT", "XDG_CACHE_HOME",
               "XDG_STATE_HOME", "EXPLORER_CACHE_DIR", "EXPLORER_NO_CACHE", "EXPLORER_NO_PARALLEL")
_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from explorer.core.loading.child import child_main; sys.exit(child_main(sys.argv[2:]))")


def command(mode: str, *args: str) -> list[str]:
    """The child's command line: isolated Python (or the frozen bundle's own executable)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "_child", mode, *args]
    return [sys.executable, "-I", "-c", _BOOT, _PACKAGE_PARENT, mode, *args]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in _PASSED_ENV}


def spawn(mode: str, *args: str, stdin: bool = False) -> subprocess.Popen:
    """Start a child for `mode`, isolated as described above."""
    return subprocess.Popen(command(mode, *args), stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment(),
                            cwd=_PACKAGE_PARENT, close_fds=True)


# -- planning ----------------------------------------------------------------------------------
def split(indexes: list[int], sizes: list[int], share: float = SHARE) -> tuple[list[int], list[int]]:
    """(kept here, given to one child): the child gets the last files, about `share` of the bytes."""
    total = sum(sizes[i] for i in indexes)
    theirs, taken = [], 0
    for i in reversed(indexes):
        if taken >= total * share:
            break
        if i != 0:  # never dataset.toml: small, and read first
            theirs.append(i)
            taken += sizes[i]
    if taken > total * max(0.6, share + 0.15):  # one file dominates: splitting would not pay
        return list(indexes), []
    mine = [i for i in indexes if i not in set(theirs)]
    return mine, sorted(theirs)


def spread(indexes: list[int], sizes: list[int], n: int) -> list[list[int]]:
    """`indexes` shared among `n` children by bytes (largest files first)."""
    jobs: list[list[int]] = [[] for _ in range(max(1, n))]
    load = [0] * len(jobs)
    for i in sorted(indexes, key=lambda i: -sizes[i]):
        k = load.index(min(load))
        jobs[k].append(i)
        load[k] += sizes[i]
    return [sorted(j) for j in jobs if j]


# -- the caller's side --------------------------------------------------------------------------
class Helpers:
    """Children building files into parts; `results()` yields (index, key or None) as they finish."""

    def __init__(self, jobs: list[list[tuple[int, str, str]]], single: bool, out: Path):
        self.procs: list[subprocess.Popen] = []
        self.pending: set[int] = set()
        self._lines: queue.Queue = queue.Queue()
        for job in jobs:
            try:
                proc = spawn("parts", stdin=True)
                proc.stdin.write(json.dumps({"single": single, "out": str(out), "items": job}).encode("utf-8"))
                proc.stdin.close()
            except (OSError, ValueError):
                continue  # those files are built by the caller
            self.procs.append(proc)
            self.pending.update(i for i, _, _ in job)
            threading.Thread(target=self._read, args=(proc,), daemon=True, name="load-child").start()

    def _read(self, proc: subprocess.Popen) -> None:
        try:
            for raw in proc.stdout:
                kind, _, rest = raw.decode("utf-8", "replace").strip().partition(" ")
                index, _, key = rest.partition(" ")
                if kind == "part" and index.isdigit():
                    self._lines.put((int(index), key if key not in ("", "-") else None))
        except (OSError, ValueError):
            pass
        self._lines.put(None)

    def results(self, cancel=None):
        running = len(self.procs)
        while running:
            try:
                got = self._lines.get(timeout=0.05)
            except queue.Empty:
                if cancel is not None and cancel():
                    self.stop()
                    return
                continue
            if got is None:
                running -= 1
                continue
            self.pending.discard(got[0])
            yield got

    def stop(self) -> None:
        """End every child at once and reap it."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
        for proc in self.procs:
            proc.wait()
            proc.stdout.close()


# -- the child's side --------------------------------------------------------------------------------
def _parts(job: dict) -> int:
    from . import cache
    from .fastpath import event_builder
    from .parse import parse_part

    gc.disable()  # a child lives for one load: nothing to collect
    secret = cache.secret()
    out = Path(job["out"])
    fast_event = event_builder()
    for index, path, rel in job["items"]:
        part = parse_part(Path(path), rel, bool(job["single"]), fast_event)
        kept = secret is not None and part.ok and part.key and cache.write(cache.part_file(part.key, out), part, secret)
        print(f"part {index} {part.key if kept else '-'}", flush=True)
    return 0


def child_main(argv: list[str]) -> int:
    if argv[:1] == ["parts"]:
        return _parts(json.loads(sys.stdin.buffer.read()))
    print(f"explorer child: unknown job {argv!r}", file=sys.stderr)
    return 2
