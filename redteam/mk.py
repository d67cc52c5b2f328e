"""Helpers to build hostile fixtures from redteam/base (the documented map example)."""
import shutil, sys
from pathlib import Path
BASE = Path(__file__).resolve().parent / "base"

def copy(dst, toml_sub=None, geo=None):
    dst = Path(dst)
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(BASE, dst)
    t = (dst / "dataset.toml").read_text()
    for a, b in (toml_sub or {}).items():
        assert a in t, a
        t = t.replace(a, b)
    (dst / "dataset.toml").write_text(t)
    if geo is not None:
        (dst / "shapes.geojson").write_bytes(geo if isinstance(geo, bytes) else geo.encode())
    return dst
