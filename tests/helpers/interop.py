"""Shared bits of the interop tests (not a test module)."""

import subprocess
import sys
from pathlib import Path

from explorer.core.loading import open_dataset as load
from explorer.interop import import_file, write_dataset

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "interop"


def run(*args):
    return subprocess.run([sys.executable, "-m", "explorer", *map(str, args)], capture_output=True, text=True)


def imported(name, tmp_path, out="out"):
    """(Imported, Dataset) for a fixture, through the TOML files and the loader."""
    imp = import_file(FIX / name if not isinstance(name, Path) else name)
    r = load(write_dataset(imp, tmp_path / out))
    assert r.dataset is not None and not r.errors, [str(p) for p in r.problems]
    return imp, r.dataset


def loaded(path):
    r = load(path)
    assert r.dataset is not None and not r.errors, [str(p) for p in r.problems]
    return r.dataset


def strings(obj):
    """Every string in a JSON document, with its path."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            for path, s in strings(v):
                yield f"{k}.{path}" if path else k, s
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            for path, s in strings(v):
                yield f"[{i}].{path}" if path else f"[{i}]", s
    elif isinstance(obj, str):
        yield "", obj
