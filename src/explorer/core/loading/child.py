"""The one way a load uses another process: an isolated `python -I` child.

Two jobs run there, both started by `spawn`:

- **build**: parse part of a big dataset while this process parses the rest
  (tomli holds the interpreter lock, so threads cannot share the parsing; a
  process can). The child gets the last files (about 45 % of the bytes), builds
  their events with the fast path and sends them back pickled; a file it is not
  sure about comes back as None and the parser reads it itself, so problems are
  reported exactly as in a serial load.
- **open**: the whole open of a big dataset for the window, so that it never
  freezes and Cancel can simply end the child. It prints `progress DONE TOTAL`
  after each file, then `entry PATH` (the result is in this load-cache entry) or
  `result PATH` (a pickled LoadResult in the caller's private folder).

The child never runs code from the dataset's folder or the current directory:
`-I` (no PYTHONPATH, no user site, no script folder on sys.path), a fixed
working directory (the package's own folder), and an explicit environment.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

PARALLEL_FROM_BYTES = 16 * 2**20
SHARE = 0.45  # the helper also pickles its results, so it gets a bit less than half
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
    """Start a child for `mode` ("build" or "open"), isolated as described above."""
    return subprocess.Popen(command(mode, *args), stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(),
                            cwd=_PACKAGE_PARENT, close_fds=True)


# -- build: part of one load, in parallel -------------------------------------------
def plan(sizes: list[int], max_file: int) -> set[int]:
    """Indexes of the files to hand to the helper (none for small datasets)."""
    total = sum(sizes)
    if (total < PARALLEL_FROM_BYTES or (os.cpu_count() or 1) < 2 or getattr(sys, "frozen", False)
            or os.environ.get("EXPLORER_NO_PARALLEL")):
        return set()
    chosen, taken = set(), 0
    for i in range(len(sizes) - 1, 0, -1):  # from the end; never dataset.toml (index 0)
        if taken >= total * SHARE:
            break
        if 0 < sizes[i] <= max_file:
            chosen.add(i)
            taken += sizes[i]
    if taken > total * 0.6:  # one file dominates: splitting would not pay for the pickling
        return set()
    return chosen


def start_build(items: list[tuple[str, str]]) -> subprocess.Popen | None:
    try:
        proc = spawn("build", stdin=True)
        proc.stdin.write(json.dumps(items).encode("utf-8"))
        proc.stdin.close()
        return proc
    except (OSError, ValueError):
        return None


def build_results(proc: subprocess.Popen | None, cancelled: bool = False) -> list | None:
    """The helper's per-file results, or None if it failed or was stopped (the parser then does the work)."""
    if proc is None:
        return None
    try:
        if cancelled:
            proc.kill()
            return None
        data = proc.stdout.read()
        if proc.wait() != 0:
            return None
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - any failure of the helper means "do it here"
        return None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _build(items: list[tuple[str, str]]) -> bytes:
    """In the child: [events of each file, or None when the parser must look itself]."""
    import tomli

    from .fastpath import event_builder

    gc.disable()
    fast_event = event_builder()
    out: list = []
    for path, rel in items:
        try:
            text = Path(path).read_bytes().decode("utf-8")
            doc = tomli.loads(text[1:] if text.startswith("\ufeff") else text)
        except Exception:  # noqa: BLE001 - the parser reports it with its own message
            out.append(None)
            continue
        events = doc.get("event")
        if set(doc) != {"event"} or type(events) is not list:
            out.append(None)
            continue
        built = []
        for raw in events:
            ev = fast_event(raw, rel)
            if ev is None:
                built = None
                break
            built.append(ev)
        out.append(built)
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


# -- open: a whole load for the window ------------------------------------------------
def _open(path: str, out: str) -> int:
    """In the child: load `path`, report progress, and say where the result is."""
    from . import open_dataset_here

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", flush=True)

    result, entry = open_dataset_here(path, progress)
    if entry is not None and result.dataset is not None:
        print(f"entry {entry}", flush=True)
        return 0
    gc.disable()
    tmp = f"{out}.part"
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, out)
    print(f"result {out}", flush=True)
    return 0


def child_main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        sys.stdout.buffer.write(_build([tuple(x) for x in json.loads(sys.stdin.buffer.read())]))
        return 0
    if argv[:1] == ["open"] and len(argv) == 3:
        return _open(argv[1], argv[2])
    print(f"explorer child: unknown job {argv!r}", file=sys.stderr)
    return 2
