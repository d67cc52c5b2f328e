"""Shared helpers for the benchmarks: synthetic data, fresh processes, rounds, spreads and result rows.

Method (every figure): a ratio against a baseline measured in the same run, the
two interleaved round by round (A, B, A, B, ...), so both meet the same
stretches of interference on this shared 2-core machine. The figure is the
best round of each side (other work only ever adds time, as `timeit` advises);
the spread is the range of the per-round ratios, printed with every figure so
that a result near its limit can be seen to be one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))


def dataset(n: int) -> Path:
    """A synthetic dataset of n events (1,000 per file), generated once and kept in bench/.data."""
    import make_dataset

    out = DATA / f"ds{n}"
    stamp = out / ".complete"
    if not stamp.exists():
        make_dataset.write(n, out, per_file=1000, seed=1)
        stamp.write_text("ok")
    return out


def env(**extra: str) -> dict:
    """The environment of a benchmark child: offscreen Qt, this checkout's sources, compiled bytecode kept."""
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    e.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled (pip does it)
    for k in ("EXPLORER_NO_CACHE", "EXPLORER_NO_PARALLEL", "EXPLORER_CACHE_DIR"):
        e.pop(k, None)  # each figure says what it wants
    e.update(extra)
    return e


CPU = """
import json as _json, os as _os, resource as _resource, time as _time
def _report(**out):
    c = _resource.getrusage(_resource.RUSAGE_CHILDREN)
    out['cpu_children'] = c.ru_utime + c.ru_stime
    print(_json.dumps(out), flush=True)
"""


def child(code: str, *args: str, env_extra: dict | None = None, timeout: float = 900) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object as its last line (`_report` helps)."""
    r = subprocess.run([sys.executable, "-c", CPU + code, *args], capture_output=True, text=True,
                       env=env(**(env_extra or {})), timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def rounds(sides: dict, n: int) -> dict[str, list[float]]:
    """Call each side once per round, in turn, for `n` rounds: {name: [value of each round]}."""
    out: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(n):
        for k, f in sides.items():
            out[k].append(f())
    return out


def figure(name: str, measured: list[float], baseline: list[float], target: float | None, *, unit: str = "s",
           method: str = "", note: str = "", difference: bool = False) -> dict:
    """A result row from interleaved rounds: the best of each side, their ratio (or difference), and the
    spread of the per-round ratios (differences)."""
    best_m, best_b = min(measured), min(baseline)
    if difference:
        value, per_round = best_m - best_b, [m - b for m, b in zip(measured, baseline)]
    else:
        value, per_round = best_m / best_b, [m / b for m, b in zip(measured, baseline)]
    return row(name, best_m, best_b, target, unit=unit, ratio=value, spread=(min(per_round), max(per_round)),
               rounds=len(measured), method=method, note=note)


def row(name: str, measured: float, baseline: float, target: float | None, *, unit: str = "s",
        ratio: float | None = None, spread: tuple[float, float] | None = None, rounds: int = 1,
        method: str = "", note: str = "") -> dict:
    r = measured / baseline if ratio is None else ratio
    out = {"figure": name, "measured": round(measured, 4), "baseline": round(baseline, 4), "unit": unit,
           "ratio": round(r, 3), "target": target, "pass": None if target is None else r <= target,
           "rounds": rounds}
    if spread is not None:
        out["spread"] = [round(spread[0], 3), round(spread[1], 3)]
    if method:
        out["method"] = method
    if note:
        out["note"] = note
    return out


# -- memory of a process tree ------------------------------------------------------------------
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def tree_rss(root: int) -> int:
    """Resident bytes of process `root` and all its descendants, now (Linux /proc)."""
    parent, rss = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(name)
        parent[pid] = int(stat[1])
        rss[pid] = int(stat[21]) * _PAGE
    total, todo = 0, [root]
    kids: dict[int, list[int]] = {}
    for pid, pp in parent.items():
        kids.setdefault(pp, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += kids.get(pid, [])
    return total


class PeakRSS:
    """Samples the resident memory of a process tree every `every` seconds; `peak` in MB."""

    def __init__(self, pid: int, every: float = 0.02):
        self.pid, self.every, self.peak = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid) / 2**20)
            time.sleep(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak
