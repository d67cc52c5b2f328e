"""`explorer _load-worker PATH OUT`: load a dataset in a separate process.

The app runs big loads here so that its window never freezes (tomli, compiled
with mypyc, holds the interpreter lock for a whole file) and so that Cancel can
simply end the process. Protocol on stdout, one line each:

    progress DONE TOTAL      after each file (bytes)
    entry PATH               success: the result is in this load-cache entry
    result PATH              a pickled LoadResult (errors, or no cache available)
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from pathlib import Path

from .cache import load_cached_entry


def main(path: str, out: str) -> int:
    def progress(done: int, total: int) -> bool:
        print(f"progress {done} {total}", flush=True)
        return True

    result, entry = load_cached_entry(Path(path), progress)
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
