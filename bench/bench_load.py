"""Opening 100,000 events (70 MB in 101 files), each in a fresh process, against `tomli.loads` of the same files.

Baseline: `tomli.loads` of every file's text, one after another, in a fresh
process (wall and CPU time). Figures (targets from issue #22):

- parse + build with the helper child off (cache off), CPU and wall time:
  <= 1.2x the baseline's;
- parse + build with the helper on (cache off), CPU time of every process
  (this one and its helper child): <= 1.2x; its wall time is reported;
- a first open as a person meets it (helper on, writing the load cache), wall
  and CPU: reported, not targeted;
- re-open unchanged (a cache hit) vs the baseline: <= 0.15x;
- re-open after editing 1 of the 101 files vs a cache hit: <= 1.5x (the
  window's figure, edit to repaint, is in bench_startup);
- `explorer list --json` (whole command, output to /dev/null) with an empty
  cache vs the baseline in a fresh process (whole command): <= 1.2x;
- search: the median of typical queries vs the baseline: <= 0.02x.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import child, dataset, env, figure, rounds, row

N = 100_000
ROUNDS = 5

RAW = """
import sys, tomli
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob('*.toml'))
t, c = _time.perf_counter(), _time.process_time()
for f in files:
    tomli.loads(f.read_bytes().decode('utf-8'))
_report(wall=_time.perf_counter() - t, cpu=_time.process_time() - c)
"""

OPEN = """
import sys
t, c = _time.perf_counter(), _time.process_time()
from explorer.core.loading import open_dataset
r = open_dataset(sys.argv[1])
wall, cpu = _time.perf_counter() - t, _time.process_time() - c
assert r.dataset is not None and len(r.dataset.events) == int(sys.argv[2]), r.problems[:3]
_report(wall=wall, cpu=cpu)
"""

SEARCH = """
import statistics, sys
from explorer.core.loading import open_dataset
from explorer.core.query import SearchIndex
ds = open_dataset(sys.argv[1]).dataset
t = _time.perf_counter(); index = SearchIndex(ds); build = _time.perf_counter() - t
times = []
for q in ['treaty', 'crab licence', '択捉', 'курил', 'no-such-word', 'summit 1234', 'e']:
    for _ in range(3):
        t = _time.perf_counter(); index.search(q); times.append(_time.perf_counter() - t)
_report(median=statistics.median(times), max=max(times), build=build)
"""


def _cpu(r: dict) -> float:
    return r["cpu"] + r["cpu_children"]


def main() -> list[dict]:
    path = str(dataset(N))
    n = str(N)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fresh = [0]

        def first_open() -> dict:  # an empty cache each time: what a first open does
            fresh[0] += 1
            return child(OPEN, path, n, env_extra={"EXPLORER_CACHE_DIR": str(tmp / f"first{fresh[0]}")})

        got = rounds({
            "raw": lambda: child(RAW, path),
            "cpu": lambda: child(OPEN, path, n, env_extra={"EXPLORER_NO_CACHE": "1"}),
            "serial": lambda: child(OPEN, path, n, env_extra={"EXPLORER_NO_CACHE": "1", "EXPLORER_NO_PARALLEL": "1"}),
            "first": first_open,
        }, ROUNDS)
        for k in range(1, fresh[0] + 1):
            shutil.rmtree(tmp / f"first{k}", ignore_errors=True)
        raw_wall = [r["wall"] for r in got["raw"]]
        raw_cpu = [_cpu(r) for r in got["raw"]]
        method = f"fresh processes, {ROUNDS} interleaved rounds, best of each; spread = per-round ratios"
        serial = method + "; cache off, helper off"
        rows.append(figure(f"parse + build {N:,} events, CPU, helper off (vs tomli.loads)",
                           [_cpu(r) for r in got["serial"]], raw_cpu, 1.2, method=serial))
        rows.append(figure(f"parse + build {N:,} events, wall, helper off (vs tomli.loads)",
                           [r["wall"] for r in got["serial"]], raw_wall, 1.2, method=serial))
        rows.append(figure(f"parse + build {N:,} events, CPU of all processes, helper on (vs tomli.loads)",
                           [_cpu(r) for r in got["cpu"]], raw_cpu, 1.2, method=method + "; cache off, helper on",
                           note=f"of which the helper child: {min(r['cpu_children'] for r in got['cpu']):.2f} s"))
        rows.append(figure(f"parse + build {N:,} events, wall, helper on (vs tomli.loads)",
                           [r["wall"] for r in got["cpu"]], raw_wall, None, method=method + "; cache off, helper on"))
        rows.append(figure(f"first open {N:,} (helper on, writing the cache), wall (vs tomli.loads)",
                           [r["wall"] for r in got["first"]], raw_wall, None, method=method + "; empty cache"))
        rows.append(figure(f"first open {N:,} (helper on, writing the cache), CPU (vs tomli.loads)",
                           [_cpu(r) for r in got["first"]], raw_cpu, None, method=method + "; empty cache"))

        # re-open: a cache hit, and after editing one file of 101 (a new edit each round)
        copy = tmp / "ds"
        shutil.copytree(path, copy, ignore=shutil.ignore_patterns(".complete"))
        cache_env = {"EXPLORER_CACHE_DIR": str(tmp / "cache")}
        child(OPEN, str(copy), n, env_extra=cache_env)  # fill the cache
        edited = copy / "events" / "part-0050.toml"
        count = [0]

        def edit() -> dict:
            count[0] += 1
            with open(edited, "a", encoding="utf-8") as fh:
                fh.write(f"# edit {count[0]}\n")
            return child(OPEN, str(copy), n, env_extra=cache_env)

        got2 = rounds({"raw": lambda: child(RAW, path), "hit": lambda: child(OPEN, str(copy), n, env_extra=cache_env),
                       "edit": edit}, ROUNDS)
        rows.append(figure(f"re-open {N:,} unchanged (cache hit vs tomli.loads)", [r["wall"] for r in got2["hit"]],
                           [r["wall"] for r in got2["raw"]], 0.15, method=method))
        rows.append(figure("re-open after editing 1 of 101 files (vs a cache hit)", [r["wall"] for r in got2["edit"]],
                           [r["wall"] for r in got2["hit"]], 1.5,
                           method=method + "; open_dataset only (the window's figure is in startup)"))

        # the command line, whole commands (interpreter start to exit), output thrown away
        def command(args: list[str], extra: dict) -> float:
            t = time.perf_counter()
            subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, check=True, env=env(**extra))
            return time.perf_counter() - t

        raw_cmd = ["-c", "import sys, tomli\nfrom pathlib import Path\n"
                         "for f in sorted(Path(sys.argv[1]).rglob('*.toml')): tomli.loads(f.read_bytes().decode())", path]
        cold = [0]

        def list_cold() -> float:
            cold[0] += 1
            return command(["-m", "explorer", "list", "--json", path], {"EXPLORER_CACHE_DIR": str(tmp / f"l{cold[0]}")})

        got3 = rounds({"raw": lambda: command(raw_cmd, {}), "cold": list_cold,
                       "warm": lambda: command(["-m", "explorer", "list", "--json", str(copy)], cache_env)}, 3)
        rows.append(figure(f"`explorer list --json` {N:,}, empty cache (vs tomli.loads)", got3["cold"], got3["raw"],
                           1.2, method="whole commands in fresh processes, 3 interleaved rounds, output to /dev/null"))
        rows.append(figure(f"`explorer list --json` {N:,}, from the cache (vs tomli.loads)", got3["warm"], got3["raw"],
                           None, method="as above"))
    s = child(SEARCH, path, env_extra={"EXPLORER_NO_CACHE": "1"})
    base = min(raw_wall)
    rows.append(row(f"search {N:,} events, median query (vs tomli.loads)", s["median"], base, 0.02,
                    method="one process, 7 queries x 3", note=f"slowest query {s['max'] * 1000:.0f} ms; "
                    f"index built once in {s['build']:.2f} s"))
    return rows


if __name__ == "__main__":
    for r in main():
        print(r)
