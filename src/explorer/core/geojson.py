"""Read the GeoJSON file of a dataset's map, safely: bounded size, checked structure.

Only what a map needs is read: a FeatureCollection whose features have an id
(`id`, or `properties.id`) and a Polygon, MultiPolygon, LineString or
MultiLineString geometry (other geometry types are skipped). Everything else
raises `GeoJSONError` with a message naming the place in the file
(`features[3] (urup).geometry.coordinates[0][5]`) or, for JSON syntax, the
line and column. Limits keep a hostile file from exhausting memory.
"""

from __future__ import annotations

import json
import math
from array import array
from pathlib import Path

MAX_BYTES = 5 * 2**20
MAX_FEATURES = 10_000
MAX_POSITIONS = 500_000  # all coordinates of the file together
# Drawing bounds, not just reading: the edges of all shapes, end to end, may cross the map's
# width and height at most this many times (a filled shape costs about that many scanline
# crossings). The bundled map is 12; 8,000 self-crossing 60-point polygons within the byte
# and position limits were 60,000 and took over a minute a paint (red-team finding 8).
MAX_TRAVEL = 1_000

POLYGONAL = ("Polygon", "MultiPolygon")
LINEAR = ("LineString", "MultiLineString")


class GeoJSONError(ValueError):
    def __init__(self, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.line = line
        self.col = col


class Feature:
    """One feature: its geometry as flat `array('d')` rings/lines (lon, lat, lon, lat…)."""

    __slots__ = ("id", "kind", "parts", "name")

    def __init__(self, id: str, kind: str, parts: tuple, name: str):
        self.id = id
        self.kind = kind  # the GeoJSON geometry type
        self.parts = parts  # polygons: tuple of tuples of rings; lines: tuple of lines
        self.name = name

    @property
    def polygonal(self) -> bool:
        return self.kind in POLYGONAL

    @property
    def linear(self) -> bool:
        return self.kind in LINEAR


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing more than MAX_BYTES (read no further than that) and anything
    but a regular file (a FIFO put in its place would block forever)."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise GeoJSONError("the GeoJSON file is not a regular file")
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise GeoJSONError(f"GeoJSON file is too large (over {MAX_BYTES // 2**20} MiB); simplify the shapes")
    return data


def parse(data: bytes) -> tuple[dict[str, Feature], dict]:
    """Features by id, and the top-level members other than `features` (e.g. `attribution`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise GeoJSONError(f"GeoJSON file is not UTF-8 text (byte 0x{data[e.start]:02x})", line, col) from None
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise GeoJSONError(f"GeoJSON is not valid JSON: {e.msg}", e.lineno, e.colno) from None
    except RecursionError:
        raise GeoJSONError("GeoJSON nesting is too deep") from None
    except ValueError as e:  # a number of more than 4,300 digits
        raise GeoJSONError(f"GeoJSON holds a number that cannot be read ({str(e)[:80]})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise GeoJSONError(f"GeoJSON must be a FeatureCollection (the top level is {str(got)[:40]!r})")
    features = doc.get("features")
    if not isinstance(features, list):
        raise GeoJSONError("GeoJSON FeatureCollection has no `features` list")
    if len(features) > MAX_FEATURES:
        raise GeoJSONError(f"GeoJSON has {len(features)} features; the limit is {MAX_FEATURES}")
    budget = [MAX_POSITIONS]
    out: dict[str, Feature] = {}
    for i, f in enumerate(features):
        feat = _feature(f, f"features[{i}]", budget)
        if feat is None:
            continue
        if feat.id in out:
            raise GeoJSONError(f"features[{i}]: duplicate feature id `{feat.id}`")
        out[feat.id] = feat
    travel = _travel(out.values())
    if travel > MAX_TRAVEL:
        raise GeoJSONError(f"GeoJSON shapes are too intricate to draw: their edges cross the map about "
                           f"{travel:,.0f} times (the limit is {MAX_TRAVEL:,}); simplify the shapes")
    meta = {k: v for k, v in doc.items() if k != "features"}
    return out, meta


def _travel(features) -> float:
    """How many times the edges of all shapes and lines, end to end, span the width and height of
    the polygons' bounding box (the sum of |dx|/width + |dy|/height over every edge)."""
    features = list(features)
    shapes = [ring for f in features if f.kind in POLYGONAL for poly in f.parts for ring in poly]
    rings = shapes + [line for f in features if f.kind in LINEAR for line in f.parts]
    if not rings:
        return 0.0
    box = shapes or rings  # the box of the shapes alone: a far-off line could not make them look simple
    xs = [min(r[0::2]) for r in box] + [max(r[0::2]) for r in box]
    ys = [min(r[1::2]) for r in box] + [max(r[1::2]) for r in box]
    width, height = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    total = 0.0
    for r in rings:
        x, y = r[0::2], r[1::2]
        total += sum(abs(b - a) for a, b in zip(x, x[1:])) / width + sum(abs(b - a) for a, b in zip(y, y[1:])) / height
    return total


def _feature(f, where: str, budget: list[int]) -> Feature | None:
    if not isinstance(f, dict) or f.get("type") != "Feature":
        raise GeoJSONError(f"{where}: not a GeoJSON Feature (an object with \"type\": \"Feature\")")
    props = f.get("properties")
    if props is not None and not isinstance(props, dict):
        raise GeoJSONError(f"{where}.properties must be an object or null")
    props = props or {}
    fid = f.get("id", props.get("id"))
    if fid is None:
        return None  # features without an id cannot be referred to: skipped
    if isinstance(fid, bool) or not isinstance(fid, (str, int)):
        raise GeoJSONError(f"{where}.id must be text or a number")
    fid = str(fid)
    label = f"{where} (`{fid[:60]}`)"
    g = f.get("geometry")
    if g is None:
        return None
    if not isinstance(g, dict):
        raise GeoJSONError(f"{label}.geometry must be an object or null")
    kind = g.get("type")
    if kind not in POLYGONAL + LINEAR:
        return Feature(fid, str(kind)[:40], (), _name(props))
    coords = g.get("coordinates")
    at = f"{label}.geometry.coordinates"
    if kind == "Polygon":
        parts = (_polygon(coords, at, budget),)
    elif kind == "MultiPolygon":
        parts = tuple(_polygon(p, f"{at}[{j}]", budget) for j, p in enumerate(_list(coords, at)))
    elif kind == "LineString":
        parts = (_positions(coords, at, 2, budget),)
    else:
        parts = tuple(_positions(p, f"{at}[{j}]", 2, budget) for j, p in enumerate(_list(coords, at)))
    return Feature(fid, kind, parts, _name(props))


def _name(props: dict) -> str:
    n = props.get("name")
    return n if isinstance(n, str) else ""


def _list(v, at: str) -> list:
    if not isinstance(v, list):
        raise GeoJSONError(f"{at} must be a list")
    return v


def _polygon(v, at: str, budget: list[int]) -> tuple:
    rings = _list(v, at)
    if not rings:
        raise GeoJSONError(f"{at}: a polygon needs at least one ring")
    return tuple(_positions(r, f"{at}[{k}]", 3, budget) for k, r in enumerate(rings))


def _positions(v, at: str, least: int, budget: list[int]) -> array:
    pts = _list(v, at)
    budget[0] -= len(pts)
    if budget[0] < 0:
        raise GeoJSONError(f"GeoJSON has more than {MAX_POSITIONS:,} positions; simplify the shapes")
    if len(pts) < least:
        raise GeoJSONError(f"{at}: needs at least {least} positions, has {len(pts)}")
    out = _plain(pts)
    if out is None:
        out = _checked(pts, at)
    if least >= 3 and out[0] == out[-2] and out[1] == out[-1]:
        del out[-2:]  # closed ring: the repeated first position is implicit
        if len(out) < 6:
            raise GeoJSONError(f"{at}: a ring needs at least 3 distinct positions")
    return out


def _plain(pts: list) -> array | None:
    """The positions as [lon, lat, lon, lat…] when every one is a pair of floats in range (as map
    tools write them), else None (then `_checked` says what is wrong, or keeps ints and extra
    coordinates): the same result as `_checked`, in a few C loops instead of one Python loop
    (tests/map/test_geojson_fast_path.py)."""
    if not all(type(p) is list and len(p) == 2 for p in pts):
        return None
    flat = array("d")
    try:
        flat.fromlist([c for p in pts for c in p if type(c) is float])
    except TypeError:
        return None
    if len(flat) != 2 * len(pts):
        return None  # (an int, a bool, a string…)
    lon, lat = flat[0::2], flat[1::2]
    if not (all(-180.0 <= x <= 180.0 for x in lon) and all(-90.0 <= y <= 90.0 for y in lat)):
        return None  # (NaN fails both comparisons)
    return flat


def _checked(pts: list, at: str) -> array:
    out = array("d")
    for n, p in enumerate(pts):
        if (not isinstance(p, list) or len(p) < 2 or not all(_number(c) for c in p[:2])):
            raise GeoJSONError(f"{at}[{n}]: expected [longitude, latitude] as numbers")
        lon, lat = float(p[0]), float(p[1])
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise GeoJSONError(f"{at}[{n}]: [{lon}, {lat}] is outside longitude -180..180, latitude -90..90")
        out.append(lon)
        out.append(lat)
    return out


def _number(c) -> bool:
    return isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c)
