"""Pick the importer for a file by its name and first bytes."""

from __future__ import annotations

from pathlib import Path

from .model import Imported, ImportError_, finish_import

FORMATS = ("timelinejs", "csv", "timeline")


def detect_format(path: str | Path) -> str:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return "timelinejs"
    if suffix == ".csv":
        return "csv"
    if suffix == ".timeline":
        return "timeline"
    try:
        head = p.read_bytes()[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as e:
        raise ImportError_([f"{p}: cannot read: {e.strerror or e}"]) from None
    if head.startswith(b"{"):
        return "timelinejs"
    if head.startswith(b"<"):
        return "timeline"
    if (b"year" in head.lower() or b"start date" in head.lower()) and b"headline" in head.lower():
        return "csv"
    if head.startswith(b"# Written by Timeline"):
        return "timeline"
    raise ImportError_([f"{p}: cannot tell the format; name it .json, .csv or .timeline, or pass --format"])


def import_file(path: str | Path, fmt: str = "auto") -> Imported:
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt == "timelinejs":
        from .timelinejs import read
    elif fmt == "csv":
        from .sheet_csv import read
    elif fmt == "timeline":
        from .thetimeline import read
    else:
        raise ImportError_([f"unknown format `{fmt}` (one of: {', '.join(FORMATS)})"])
    try:
        imported = read(path)
    except (ValueError, RecursionError) as e:  # not ours: e.g. a number of more than 4,300 digits
        if isinstance(e, ImportError_):
            raise
        raise ImportError_([f"{path}: cannot be read: {str(e)[:200]}"]) from None
    return finish_import(imported, path)
