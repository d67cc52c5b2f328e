"""Shared helpers for the benchmarks: synthetic data, fresh-process timing, result rows.

Every figure is a ratio against a baseline measured in the same run, with the
two measurements interleaved, and each is the median of several repeats: these
machines are shared and noisy, so absolute seconds mean little.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def child(code: str, *args: str, env: dict | None = None) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON object as its last line."""
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    if env:
        e.update(env)
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=e, timeout=900)
    if r.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def interleave(a, b, repeats: int = 3) -> tuple[float, float]:
    """The best (lowest) time of a() and of b(), called alternately.

    On a shared machine other work only ever adds time, so the best of several
    runs is the closest to each side's own cost (as `timeit` advises); both
    sides get the same rule, and alternating them exposes both to the same
    stretches of interference."""
    xs, ys = [], []
    for _ in range(repeats):
        xs.append(a())
        ys.append(b())
    return min(xs), min(ys)


def row(figure: str, measured: float, baseline: float, target: float, unit: str = "s",
        ratio: float | None = None, note: str = "") -> dict:
    r = measured / baseline if ratio is None else ratio
    out = {"figure": figure, "measured": round(measured, 4), "baseline": round(baseline, 4), "unit": unit,
           "ratio": round(r, 3), "target": target, "pass": r <= target}
    if note:
        out["note"] = note
    return out
