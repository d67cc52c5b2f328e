"""Locate runtime files (dataset, icons, fonts) in a checkout, wheel or bundle."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath


def resource_root() -> Path:
    """The `resources` folder: inside the package when installed, else the checkout's."""
    here = Path(__file__).resolve().parent
    candidates = [here / "resources", here.parent.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "explorer" / "resources")
    for c in candidates:
        if (c / "datasets").is_dir():
            return c
    raise FileNotFoundError("Explorer's resources folder was not found (looked in: " + ", ".join(map(str, candidates)) + ")")


def resource(relative: str) -> Path:
    """A file under `resources/`; rejects absolute paths and `..`."""
    p = PurePosixPath(relative)
    if p.is_absolute() or ".." in p.parts:
        raise ValueError(f"resource path must be relative and inside resources/: {relative}")
    path = resource_root().joinpath(*p.parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource file: resources/{relative}")
    return path


def bundled_dataset() -> Path:
    return resource("datasets/kuril")
