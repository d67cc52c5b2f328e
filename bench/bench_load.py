"""Load, re-open from cache, and search, at 100,000 events (fresh processes).

- load: `explorer.core.load` (parse + validate + build the model) vs `tomli.loads`
  on the same files' bytes alone; target <= 1.3x.
- re-open: `load_cached` on an unchanged dataset (a cache hit) vs the same raw
  parse; target <= 0.15x.
- search: `SearchIndex.search` of typical queries (median) vs the raw parse;
  target <= 0.02x.
"""

from __future__ import annotations

import sys
import tempfile

from common import child, dataset, interleave, row

N = 100_000

RAW = """
import json, sys, time, tomli
from pathlib import Path
files = sorted(Path(sys.argv[1]).rglob('*.toml'))
t = time.perf_counter()
for f in files:
    tomli.loads(f.read_bytes().decode('utf-8'))
print(json.dumps({'s': time.perf_counter() - t}))
"""

LOAD = """
import json, sys, time
from explorer.core.loading import open_dataset as load
t = time.perf_counter()
r = load(sys.argv[1])
s = time.perf_counter() - t
assert r.dataset is not None and len(r.dataset.events) == int(sys.argv[2]), r.problems[:3]
print(json.dumps({'s': s}))
"""

CACHED = """
import json, sys, time
from explorer.core.loading import open_dataset as load_cached
t = time.perf_counter()
r = load_cached(sys.argv[1])
s = time.perf_counter() - t
assert r.dataset is not None and len(r.dataset.events) == int(sys.argv[2])
print(json.dumps({'s': s}))
"""

SEARCH = """
import json, statistics, sys, time
from explorer.core.loading import open_dataset as load
from explorer.core.query import SearchIndex
ds = load(sys.argv[1]).dataset
t = time.perf_counter(); index = SearchIndex(ds); build = time.perf_counter() - t
times = []
for q in ['treaty', 'crab licence', '択捉', 'курил', 'no-such-word', 'summit 1234', 'e']:
    for _ in range(3):
        t = time.perf_counter(); index.search(q); times.append(time.perf_counter() - t)
print(json.dumps({'median': statistics.median(times), 'max': max(times), 'build': build}))
"""


def main() -> list[dict]:
    path = str(dataset(N))
    n = str(N)
    raw, ours = interleave(lambda: child(RAW, path)["s"], lambda: child(LOAD, path, n)["s"], repeats=5)
    rows = [row(f"load {N:,} events (vs tomli.loads alone)", ours, raw, 1.3)]
    with tempfile.TemporaryDirectory() as cache:
        env = {"EXPLORER_CACHE_DIR": cache}
        child(CACHED, path, n, env=env)  # fill the cache
        raw2, hit = interleave(lambda: child(RAW, path)["s"], lambda: child(CACHED, path, n, env=env)["s"], repeats=5)
    rows.append(row(f"re-open {N:,} unchanged (cache hit vs raw parse)", hit, raw2, 0.15))
    s = child(SEARCH, path)
    base = (raw + raw2) / 2
    rows.append(row(f"search {N:,} events, median query (vs raw parse)", s["median"], base, 0.02,
                    note=f"slowest query {s['max'] * 1000:.0f} ms; index built once in {s['build']:.2f} s"))
    return rows


if __name__ == "__main__":
    for r in main():
        print(r, file=sys.stdout)
