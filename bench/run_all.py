"""Run every benchmark, print one table, and write the same to bench/results.json.

    make bench            # everything (about 5 minutes on 2 cores)
    make bench ONLY=load  # one group: load, frames, startup, cards, map
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
    import PySide6
    import pyqtgraph

    return {"platform": platform.platform(), "python": platform.python_version(), "cpu": cpu,
            "cores": os.cpu_count(), "memory_gib": mem, "pyside6": PySide6.__version__,
            "pyqtgraph": pyqtgraph.__version__}


def main() -> int:
    only = os.environ.get("ONLY") or (sys.argv[1] if len(sys.argv) > 1 else "")
    groups = [g for g in GROUPS if not only or g == only]
    rows = []
    started = time.time()
    for g in groups:
        mod = __import__(f"bench_{g}")
        got = mod.main()
        rows += got if isinstance(got, list) else [got]
    head = f"{'figure':<58} {'measured':>11} {'baseline':>11} {'ratio':>8} {'target':>8}  result"
    print(head)
    print("-" * len(head))
    for r in rows:
        unit = r.get("unit", "s")
        print(f"{r['figure']:<58} {r['measured']:>9.4g}{unit:>2} {r['baseline']:>9.4g}{unit:>2} {r['ratio']:>8.3g} "
              f"{'<= ' + format(r['target'], 'g'):>8}  {'pass' if r['pass'] else 'FAIL'}")
        if r.get("note"):
            print(f"    {r['note']}")
    out = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M"), "seconds": round(time.time() - started),
           "results": rows}
    (Path(__file__).resolve().parent / "results.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
