"""Parse part of a big dataset in a second process while this one parses the rest.

Run as `python -m explorer.core.parallel`: file list (JSON) on stdin, pickled results on stdout.

tomli holds the interpreter lock, so threads cannot share the parsing; a
process can. The helper gets the last files (about 45 % of the bytes), parses
them and builds their events with the fast path, and sends the events back
pickled. A file it is not sure about (anything but well-formed [[event]]
tables) comes back as None and the loader reads it itself, so problems are
reported exactly as in a serial load (`tests/test_parallel_load.py`).
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from pathlib import Path

PARALLEL_FROM_BYTES = 16 * 2**20
SHARE = 0.45  # the helper also pickles its results, so it gets a bit less than half


def plan(files: list[Path], sizes: list[int], max_file: int) -> set[int]:
    """Indexes of the files to hand to the helper (none for small datasets)."""
    total = sum(sizes)
    if (total < PARALLEL_FROM_BYTES or (os.cpu_count() or 1) < 2 or getattr(sys, "frozen", False)
            or os.environ.get("EXPLORER_NO_PARALLEL")):
        return set()
    chosen, taken = set(), 0
    for i in range(len(files) - 1, 0, -1):  # from the end; never dataset.toml (index 0)
        if taken >= total * SHARE:
            break
        if 0 < sizes[i] <= max_file:
            chosen.add(i)
            taken += sizes[i]
    if taken > total * 0.6:  # one file dominates: splitting would not pay for the pickling
        return set()
    return chosen


def start(items: list[tuple[str, str]]):
    """Launch the helper (`python -m explorer.core.parallel`, not multiprocessing: that would
    re-import the caller's own __main__ script in the child)."""
    import json
    import subprocess

    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    try:
        proc = subprocess.Popen([sys.executable, "-m", "explorer.core.parallel"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        proc.stdin.write(json.dumps(items).encode("utf-8"))
        proc.stdin.close()
        return proc
    except (OSError, ValueError):
        return None


def results(proc, cancelled: bool = False) -> list | None:
    """The helper's per-file results, or None if it failed or was stopped (the loader then does the work)."""
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


def build_files(items: list[tuple[str, str]]) -> bytes:
    """In the helper process: [events of each file, or None when the loader must look itself]."""
    import tomli

    from .fastpath import event as fast_event

    gc.disable()
    out: list = []
    for path, rel in items:
        try:
            text = Path(path).read_bytes().decode("utf-8")
            doc = tomli.loads(text[1:] if text.startswith("\ufeff") else text)
        except Exception:  # noqa: BLE001 - the loader reports it with its own message
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


if __name__ == "__main__":
    import json

    sys.stdout.buffer.write(build_files([tuple(x) for x in json.loads(sys.stdin.buffer.read())]))
