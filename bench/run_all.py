"""Run every benchmark, print one table, and write the same to bench/results.json.

    make bench            # everything (about 8 minutes on 2 cores)
    make bench ONLY=load  # one group: load, frames, startup, cards, map

Every figure is a ratio (or, for memory, a difference) against a baseline
measured in the same run, the two interleaved; the table shows the best
round of each side, and `spread` the range of the per-round ratios, with the
number of rounds: a result whose spread crosses its target is a close call,
whatever its best round says. Figures without a target are information.
"""

import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

GROUPS = ["load", "frames", "startup", "cards", "map"]


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    except (ValueError, OSError):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    import PySide6
    import pyqtgraph

    return {"platform": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cores": os.cpu_count(), "memory_gib": mem, "pyside6": PySide6.__version__,
            "pyqtgraph": pyqtgraph.__version__, "load_average_at_start": load}


def _fmt(x: float, unit: str) -> str:
    return f"{x:.4g} {unit}".strip()


def print_table(rows: list[dict]) -> None:
    head = f"{'figure':<76} {'measured':>10} {'baseline':>10} {'ratio':>7} {'spread':>13} {'target':>7}  result"
    print(head)
    print("-" * len(head))
    for r in rows:
        unit = r.get("unit", "s")
        spread = "–".join(f"{x:.3g}" for x in r["spread"]) + f" ({r['rounds']})" if r.get("spread") else ""
        target = "" if r["target"] is None else "<= " + format(r["target"], "g")
        result = "info" if r["pass"] is None else "pass" if r["pass"] else "FAIL"
        print(f"{r['figure'][:76]:<76} {_fmt(r['measured'], unit):>10} {_fmt(r['baseline'], unit):>10} "
              f"{r['ratio']:>7.3g} {spread:>13} {target:>7}  {result}")
        for key in ("method", "note"):
            if r.get(key):
                print(f"    {key}: {r[key]}")


def main() -> int:
    only = os.environ.get("ONLY") or (sys.argv[1] if len(sys.argv) > 1 else "")
    groups = [g for g in GROUPS if not only or g == only]
    date = time.strftime("%Y-%m-%d %H:%M")
    rows = []
    started = time.time()
    for g in groups:
        mod = __import__(f"bench_{g}")
        t = time.time()
        got = mod.main()
        got = got if isinstance(got, list) else [got]
        for r in got:
            r["group"], r["date"] = g, date
        rows += got
        print(f"[{g}: {time.time() - t:.0f} s]", file=sys.stderr)
    print_table(rows)
    # results.json keeps the last figures of every group: a run of one group replaces that group's
    path = Path(__file__).resolve().parent / "results.json"
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    kept = [r for r in old.get("results", []) if r.get("group") not in groups]
    runs = {k: v for k, v in old.get("runs", {}).items() if k not in groups}
    runs.update({g: {"date": date, "machine": machine(), "seconds": round(time.time() - started)} for g in groups})
    out = {"runs": runs, "results": sorted(kept + rows, key=lambda r: GROUPS.index(r.get("group", "map")))}
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
