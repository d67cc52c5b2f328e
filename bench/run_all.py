"""Run every benchmark, print one table, write bench/results.json."""

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_cards  # noqa: E402

rows = [bench_cards.main()]
print(f"{'figure':<40} {'measured':>10} {'baseline':>10} {'ratio':>7} {'target':>7}  result")
for r in rows:
    print(f"{r['figure']:<40} {r['measured_s']:>9}s {r['baseline_s']:>9}s {r['ratio']:>7} {r['target']:>7}  "
          f"{'pass' if r['pass'] else 'FAIL'}")
out = {"machine": platform.platform(), "python": platform.python_version(), "results": rows}
(Path(__file__).resolve().parent / "results.json").write_text(json.dumps(out, indent=2))
