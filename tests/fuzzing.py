"""Fuzzing the loader: mutations of the real dataset files plus generated TOML.

Used by tests/test_fuzz.py (a few hundred cases in `make test`) and by
`make fuzz` (`python tests/fuzzing.py N`, 10,000 cases by default). The
invariants, for every case:

- `load()` returns; it never raises (any exception is a finding);
- a dataset comes back only when there are no errors, and then it is sorted
  and indexed (every event findable by id);
- every problem names a file of the dataset, and every problem about a file
  whose text could be read has a line and column (>= 1).
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.helpers import parse_path as load  # noqa: E402

BUNDLED = ROOT / "resources" / "datasets" / "kuril"
FILES = {p.relative_to(BUNDLED).as_posix(): p.read_bytes() for p in sorted(BUNDLED.rglob("*.toml"))}

HUGE = ["9" * 400, "-" + "9" * 30, "1e999", "nan", "inf", '"' + "x" * 200_000 + '"', "0x7fffffffffffffff",
        "[" * 50 + "]" * 50, "{ a = { b = { c = { d = 1 } } } }", '"\\u0000\\u202e\\ud7ff"', "1979-05-27T07:32:00Z",
        "true", "[]", "{}", '""', "'''\nmulti\n'''", '"\u202egnp.exe"', '"<img src=file:///etc/passwd>"']
TYPES = ['"text"', "42", "3.5", "true", "[1, 2]", '["a", "b"]', "{ x = 1 }", "1999-01-01", '"1999-13-45"', '"../.."']


def mutate(data: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(9)
    if kind == 0:  # truncation
        return data[: rng.randrange(len(data) + 1)]
    if kind == 1:  # byte flips
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    text = data.decode("utf-8", "surrogateescape")  # earlier byte flips stay as they are
    lines = text.split("\n")
    if kind == 2:  # a value replaced by another type
        idx = [i for i, line in enumerate(lines) if " = " in line]
        if idx:
            i = rng.choice(idx)
            key = lines[i].split(" = ", 1)[0]
            lines[i] = f"{key} = {rng.choice(TYPES)}"
    elif kind == 3:  # huge or odd values
        idx = [i for i, line in enumerate(lines) if " = " in line]
        if idx:
            i = rng.choice(idx)
            lines[i] = lines[i].split(" = ", 1)[0] + " = " + rng.choice(HUGE)
    elif kind == 4:  # deep nesting
        depth = rng.choice((10, 100, 1000, 5000))
        lines.insert(rng.randrange(len(lines) + 1), "deep = " + "[" * depth + "]" * depth)
    elif kind == 5:  # duplicated table or key
        starts = [i for i, line in enumerate(lines) if line.startswith("[")]
        if starts:
            a = rng.choice(starts)
            b = next((i for i in starts if i > a), len(lines))
            lines[b:b] = lines[a:b]
    elif kind == 6:  # a table header broken or turned into another kind
        starts = [i for i, line in enumerate(lines) if line.strip().startswith("[")]
        if starts:
            i = rng.choice(starts)
            lines[i] = rng.choice(["[event]", "[[event", "[[]]", "[[event.source]]", "[dataset.x]", "[[party]]",
                                   "event = 5", "[[story.step]]", "[[position]]"])
    elif kind == 7:  # lines deleted or swapped
        for _ in range(rng.randint(1, 5)):
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                if rng.random() < 0.5:
                    del lines[i]
                else:
                    lines[i], lines[j] = lines[j], lines[i]
    else:  # ids and references scrambled
        text = "\n".join(lines)
        ids = [line.split('"')[1] for line in lines if line.startswith('id = "') and line.count('"') >= 2]
        if len(ids) >= 2:
            a, b = rng.sample(ids, 2)
            text = text.replace(f'"{a}"', f'"{b}"', rng.randint(1, 3))
        return text.encode("utf-8", "surrogateescape")
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def one_case(rng: random.Random, folder: Path) -> None:
    """Write a mutated copy of the bundled dataset into `folder` and check the invariants."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = dict(FILES)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        name = rng.choice(list(files))
        files[name] = mutate(files[name], rng)
    if rng.random() < 0.05:
        files.pop(rng.choice(list(files)))
    if rng.random() < 0.05:
        files["extra/dup.toml"] = files.get("events/1945-1951.toml", b"")
    for rel, data in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    check(folder, set(files))


def check(folder: Path, names: set[str]) -> None:
    result = load(folder)  # must not raise
    if result.dataset is not None:
        assert not result.errors, "a dataset came back with errors"
        ds = result.dataset
        starts = [e.start for e in ds.events]
        assert starts == sorted(starts), "events are not sorted"
        assert all(ds.event(e.id) is e for e in ds.events), "an event cannot be found by id"
    else:
        assert result.errors, "no dataset and no error"
    for p in result.problems:
        assert p.path, f"problem without a file: {p}"
        top = p.path.split(":")[0]
        assert top in names or top in (".", "dataset.toml"), f"problem names an unknown file: {p}"
        readable = top in names
        if readable and not p.message.startswith(("cannot read", "file is too large", "file is not UTF-8")):
            assert p.line >= 1 and p.col >= 1, f"problem without a line: {p}"


def run(n: int, seed: int = 20261128, report_every: int = 1000) -> tuple[int, list[str]]:
    findings: list[str] = []
    rng = random.Random(seed)
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            case_seed = rng.randrange(2**32)
            try:
                one_case(random.Random(case_seed), Path(tmp) / "case")
            except Exception:  # noqa: BLE001 - every exception is a finding
                findings.append(f"case seed {case_seed}: {traceback.format_exc(limit=3)}")
            if report_every and (i + 1) % report_every == 0:
                print(f"{i + 1} cases, {len(findings)} finding(s), {time.time() - started:.0f} s", flush=True)
    return n, findings


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    n, found = run(count)
    for f in found[:20]:
        print(f)
    print(f"fuzz: {n} cases, {len(found)} finding(s)")
    sys.exit(1 if found else 0)
