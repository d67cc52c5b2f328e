"""Check a dataset's map tables and build its `core.geo.Geo`.

The loader hands every file's `[map]`, `[[region]]`, `[[control]]` and
`[[boundary]]` tables to `Tables.add_file` (schema checks, one table at a
time) and, once the rest of the dataset is built and cross-checked, calls
`build` for the checks that need everything: ids of regions, parties, places
and events; overlapping holding periods; the GeoJSON file and its feature
ids. Map problems are errors like any other: the dataset does not load (and
the app keeps the last good one), so a broken map is never shown half-drawn.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path, PureWindowsPath
from typing import Callable, Mapping

from . import model as m
from .geo import HOLDING, KINDS, Boundary, Control, Geo, Region
from .geojson import GeoJSONError, parse, read_bytes
from .problems import WARNING, Problem
from .schema import TOP_LEVEL, Checker, suggest

KINDS_TEXT = ", ".join(KINDS)


class Tables:
    """The checked map tables of all files, each with its file and key path."""

    def __init__(self) -> None:
        self.map: tuple[dict, str] | None = None
        self.map_seen = False
        self.regions: list[tuple[dict, str, tuple]] = []
        self.controls: list[tuple[dict, str, tuple]] = []
        self.boundaries: list[tuple[dict, str, tuple]] = []

    def add_file(self, rel: str, doc: dict, c: Checker) -> None:
        if "map" in doc:
            t = c.table(doc["map"], TOP_LEVEL["map"], ("map",))
            if self.map_seen:
                c.error(("map",), f"a second [map] table (the first is in {self.map[1] if self.map else 'another file'})")
            elif t is not None:
                self.map = (t, rel)
            self.map_seen = True
        for kind, into in (("region", self.regions), ("control", self.controls), ("boundary", self.boundaries)):
            if kind not in doc:
                continue
            items = doc[kind]
            if not isinstance(items, list):
                c.error((kind,), f"`{kind}` must be an array of tables, written [[{kind}]]")
                continue
            for i, raw in enumerate(items):
                checked = c.table(raw, TOP_LEVEL[kind], (kind, i))
                if checked is not None:
                    into.append((checked, rel, (kind, i)))

    @property
    def empty(self) -> bool:
        return not (self.map_seen or self.regions or self.controls or self.boundaries)


def build(t: Tables, ds: m.Dataset, base: Path, problems: list[Problem], events: Mapping,
          where: Callable[[str, tuple], str] | None = None) -> Geo | None:
    """The dataset's Geo (None if it has no map tables, or on errors, which go to `problems`)."""
    if t.empty:
        return None
    where = where or (lambda rel, keys: rel)
    first = len(problems)

    def err(rel: str, keys: tuple, message: str, severity: str = "error") -> None:
        problems.append(Problem(rel, message, severity, keys=keys))

    geometry, features, meta, digest = "", None, {}, ""
    if t.map is None:
        if not t.map_seen:
            _, rel, keys = (t.regions or t.controls or t.boundaries)[0]
            err(rel, keys, "map regions, control periods and boundaries need a [map] table with `geometry` "
                           "(the path of the GeoJSON file in the dataset folder)")
    else:
        mt, mrel = t.map
        geometry, path, message = geometry_path(base, mt["geometry"])
        if message:
            err(mrel, ("map", "geometry"), f"[map] geometry: {message}")
        else:
            try:
                data = read_bytes(path)
                features, meta = parse(data)
                digest = hashlib.sha256(data).hexdigest()
            except GeoJSONError as e:
                problems.append(Problem(geometry, f"{e} (the map's GeoJSON, named in {mrel} [map] geometry)",
                                        line=e.line, col=e.col))
            except (OSError, ValueError) as e:
                err(mrel, ("map", "geometry"), f"[map] geometry: cannot read `{geometry}`: {getattr(e, 'strerror', None) or e}")
    regions = _regions(t, ds, features, geometry, err, where)
    controls = _controls(t, ds, regions, events, err, where)
    boundaries = _boundaries(t, features, geometry, events, err, where)
    if any(p.is_error for p in problems[first:]) or features is None:
        return None
    used = {r.feature for r in regions.values()}
    land = tuple(poly for fid, f in features.items() if f.polygonal and fid not in used for poly in f.parts)
    order = {rid: i for i, rid in enumerate(regions)}
    controls.sort(key=lambda c: (order[c.region], c.since.start, c.kind not in HOLDING, c.party))
    attribution = t.map[0].get("attribution") or (meta.get("attribution") if isinstance(meta.get("attribution"), str) else "")
    geo = Geo(regions, controls, boundaries, land, attribution, geometry, digest)
    geo.bbox = _bbox([*(p for r in regions.values() for p in r.polygons), *land],
                     [ln for b in boundaries for ln in b.lines])
    return geo


def geometry_path(base: Path, text: str) -> tuple[str, Path | None, str]:
    """(normalised relative path, path, "") or ("", None, why it is refused)."""
    if not text.strip():
        return "", None, "empty; give the GeoJSON file's path in the dataset folder, like \"map/regions.geojson\""
    if "\\" in text:
        return "", None, f"`{text[:80]}`: write paths with `/`"
    if any(ord(ch) < 32 or ch == "\x7f" for ch in text):
        return "", None, "the path holds control characters (a NUL, a line break…); give a plain relative path"
    if text.startswith("/") or text.startswith("~") or PureWindowsPath(text).drive:
        return "", None, f"`{text[:80]}` is an absolute path; give a path relative to the dataset folder"
    norm = posixpath.normpath(text)
    if norm == ".." or norm.startswith("../"):
        return "", None, f"`{text[:80]}` leaves the dataset folder; the GeoJSON file must be inside it"
    path = base / norm
    try:
        real_base = base.resolve()
        real = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return "", None, f"`{norm}`: no such file in the dataset folder"
    if real != real_base and real_base not in real.parents:
        return "", None, f"`{norm}` is a symbolic link to {real}, outside the dataset folder; not read"
    if not real.is_file():
        return "", None, f"`{norm}` is not a regular file"
    return norm, path, ""


def _regions(t: Tables, ds, features, geometry: str, err, where) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    seen: dict[str, tuple[str, tuple]] = {}
    for r, rel, keys in t.regions:
        rid = r["id"]
        if rid in seen:
            err(rel, keys + ("id",), f"duplicate region id `{rid}` (first defined at {where(*seen[rid])})")
            continue
        seen[rid] = (rel, keys + ("id",))
        for pl in r.get("places", []):
            if pl not in ds.places:
                err(rel, keys + ("places",), f"region `{rid}`: unknown place `{pl}` in `places`{suggest(pl, ds.places)}")
        fid = r.get("feature", rid)
        fkeys = keys + (("feature",) if "feature" in r else ("id",))
        polygons: tuple = ()
        if features is not None:
            f = features.get(fid)
            if f is None:
                err(rel, fkeys, f"region `{rid}`: feature `{fid}` is not in {geometry}{suggest(fid, features)}")
            elif not f.polygonal:
                err(rel, fkeys, f"region `{rid}`: feature `{fid}` in {geometry} is a {f.kind}; "
                                "a region needs a Polygon or MultiPolygon")
            else:
                polygons = f.parts
        regions[rid] = Region(rid, r["name"], r.get("names", {}), fid, list(r.get("places", [])), polygons)
    return regions


def _controls(t: Tables, ds, regions, events, err, where) -> list[Control]:
    out: list[Control] = []
    placed: dict[int, tuple[str, tuple]] = {}
    for c, rel, keys in t.controls:
        rid, party, kind = c["region"], c["party"], c["kind"]
        label = f"control of `{rid}` by `{party}`"
        ok = True
        if rid not in regions:
            err(rel, keys + ("region",), f"control: unknown region `{rid}`{suggest(rid, regions)}")
            ok = False
        if party not in ds.parties:
            err(rel, keys + ("party",), f"{label}: unknown party `{party}`{suggest(party, ds.parties)}")
        if kind not in KINDS:
            err(rel, keys + ("kind",), f"{label}: unknown kind `{kind}`{suggest(kind, KINDS)} (one of: {KINDS_TEXT})")
            ok = False
        since, until = c["since"], c.get("until")
        if until is not None and until.start <= since.start:
            err(rel, keys + ("until",), f"{label}: `until` ({until}) is not after `since` ({since})")
            ok = False
        ev = c.get("event", "")
        if ev and ev not in events:
            err(rel, keys + ("event",), f"{label}: event `{ev}` does not exist{suggest(ev, events)}")
        sources = _sources(c, rel, keys, label, err)
        if not sources:
            err(rel, keys, f"{label} since {since} has no source; add at least one [[control.source]]", WARNING)
        if ok:
            rec = Control(rid, party, kind, since, until, ev, sources, c.get("note", ""))
            placed[id(rec)] = (rel, keys)
            out.append(rec)
    _overlaps(out, placed, err, where)
    return out


def _overlaps(controls: list[Control], placed, err, where) -> None:
    """Two holding periods of one region at the same time: an error naming both."""
    by_region: dict[str, list[Control]] = {}
    for c in controls:
        if c.kind in HOLDING:
            by_region.setdefault(c.region, []).append(c)
    for rid, rows in by_region.items():
        rows.sort(key=lambda c: (c.start, c.end))
        longest = None  # the period seen so far that ends last
        for c in rows:
            if longest is not None and c.start < longest.end:
                rel, keys = placed[id(c)]
                orel, okeys = placed[id(longest)]
                err(rel, keys + ("since",),
                    f"control of `{rid}`: `{c.party}` {c.kind} {c.period()} overlaps `{longest.party}` "
                    f"{longest.kind} {longest.period()} ({where(orel, okeys)}); a region is held by one party "
                    "at a time: end the earlier period with `until`, or make one of them `claims`")
            if longest is None or c.end > longest.end:
                longest = c


def _boundaries(t: Tables, features, geometry: str, events, err, where) -> list[Boundary]:
    out: list[Boundary] = []
    seen: dict[str, tuple[str, tuple]] = {}
    for b, rel, keys in t.boundaries:
        bid = b["id"]
        label = f"boundary `{bid}`"
        if bid in seen:
            err(rel, keys + ("id",), f"duplicate boundary id `{bid}` (first defined at {where(*seen[bid])})")
            continue
        seen[bid] = (rel, keys + ("id",))
        since, until = b["since"], b.get("until")
        if until is not None and until.start <= since.start:
            err(rel, keys + ("until",), f"{label}: `until` ({until}) is not after `since` ({since})")
        ev = b.get("event", "")
        if ev and ev not in events:
            err(rel, keys + ("event",), f"{label}: event `{ev}` does not exist{suggest(ev, events)}")
        fid = b.get("feature", bid)
        fkeys = keys + (("feature",) if "feature" in b else ("id",))
        lines: tuple = ()
        if features is not None:
            f = features.get(fid)
            if f is None:
                err(rel, fkeys, f"{label}: feature `{fid}` is not in {geometry}{suggest(fid, features)}")
            elif not f.linear:
                err(rel, fkeys, f"{label}: feature `{fid}` in {geometry} is a {f.kind}; "
                                "a boundary needs a LineString or MultiLineString")
            else:
                lines = f.parts
        sources = _sources(b, rel, keys, label, err)
        if not sources:
            err(rel, keys, f"{label} has no source; add at least one [[boundary.source]]", WARNING)
        out.append(Boundary(bid, b["name"], since, until, ev, fid, sources, b.get("note", ""), lines))
    return out


def _sources(t: dict, rel: str, keys: tuple, label: str, err) -> list[m.Source]:
    out = []
    for i, s in enumerate(t.get("source", [])):
        url = s.get("url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            err(rel, keys + ("source", i, "url"), f"{label}: source url `{url[:80]}` must start with http:// or https://")
        out.append(m.Source(s["title"], url, s.get("publisher", ""), s.get("quote", ""), s.get("page", ""),
                            s.get("accessed", "")))
    return out


def _bbox(polygons, lines) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for ring in [poly[0] for poly in polygons] + list(lines):
        xs += (min(ring[0::2]), max(ring[0::2]))
        ys += (min(ring[1::2]), max(ring[1::2]))
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))
