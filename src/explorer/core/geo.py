"""Who held and who claimed each region of a dataset's map, over time. Free of Qt.

A dataset may name map regions (`[[region]]`), periods of control over them
(`[[control]]`: a party *administers*, *occupies* or *claims* a region from
`since` until `until`) and boundary lines in force over time (`[[boundary]]`),
drawn from one GeoJSON file (`[map] geometry`). `core.geo_load` checks and
builds this model; the map widget, the `explorer control` command and event
filtering read it.

At most one party *holds* a region at a time (administers or occupies; the
loader refuses overlapping holding periods); any number of parties may claim
it. A period runs from the start of `since` to the start of `until`
(exclusive), like stances. Geometry is kept as flat `array('d')` rings
(x0, y0, x1, y1, …; longitude, latitude), which pickle compactly into the
load cache.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .dates import Date, display_day

if TYPE_CHECKING:  # the model imports this module; Source is only a type here
    from .model import Dataset, Source

KINDS = ("administers", "occupies", "claims")
HOLDING = frozenset({"administers", "occupies"})
OPEN_END = float("inf")

Ring = array  # array('d'): x0, y0, x1, y1, ... (longitude, latitude)
Polygon = tuple  # tuple[Ring, ...]: the outer ring first, then holes


@dataclass(slots=True)
class Region:
    id: str
    name: str
    names: dict[str, str] = field(default_factory=dict)
    feature: str = ""
    places: list[str] = field(default_factory=list)
    polygons: tuple = ()  # tuple[Polygon, ...]


@dataclass(slots=True)
class Control:
    region: str
    party: str
    kind: str  # one of KINDS
    since: Date
    until: Date | None = None
    event: str = ""
    sources: list["Source"] = field(default_factory=list)
    note: str = ""

    @property
    def start(self) -> int:
        return self.since.start

    @property
    def end(self) -> float:
        return OPEN_END if self.until is None else self.until.start

    @property
    def holds(self) -> bool:
        return self.kind in HOLDING

    def in_force(self, day: float) -> bool:
        return self.since.start <= day < self.end

    def period(self) -> str:
        """`1855-02-07/1875-08-22`, `1946-02-02/..`: for messages and reports."""
        return f"{self.since.edtf()}/{self.until.edtf() if self.until else '..'}"


@dataclass(slots=True)
class Boundary:
    id: str
    name: str
    since: Date
    until: Date | None = None
    event: str = ""
    feature: str = ""
    sources: list["Source"] = field(default_factory=list)
    note: str = ""
    lines: tuple = ()  # tuple[Ring, ...]: one array per line string

    def in_force(self, day: float) -> bool:
        return self.since.start <= day and (self.until is None or day < self.until.start)


class RegionState(NamedTuple):
    holder: str | None  # party id
    holder_kind: str | None  # "administers" / "occupies"
    claimants: list[str]  # parties claiming it on that day, the holder left out
    control: Control | None  # the holding period in force


@dataclass(slots=True)
class Geo:
    regions: dict[str, Region]
    controls: list[Control]  # sorted by region, then since
    boundaries: list[Boundary]
    land: tuple = ()  # tuple[Polygon, ...]: polygons of the GeoJSON that no region uses (context)
    attribution: str = ""
    geometry: str = ""  # the GeoJSON file, relative to the dataset folder
    digest: str = ""  # SHA-256 of that file's bytes when loaded (see `fresh`)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # west, south, east, north

    # -- questions -----------------------------------------------------------------------------
    def state_at(self, day: float) -> dict[str, RegionState]:
        """Every region's holder and claimants on `day` (regions in their dataset order)."""
        holding: dict[str, Control] = {}
        claims: dict[str, list[str]] = {}
        for c in self.controls:
            if c.since.start <= day < c.end:
                if c.kind in HOLDING:
                    holding[c.region] = c
                else:
                    claims.setdefault(c.region, []).append(c.party)
        out = {}
        for rid in self.regions:
            h = holding.get(rid)
            holder = h.party if h else None
            claimants = [p for p in dict.fromkeys(claims.get(rid, ())) if p != holder]
            out[rid] = RegionState(holder, h.kind if h else None, claimants, h)
        return out

    def history(self, region_id: str) -> list[Control]:
        """The region's periods of control and claims, in order of `since` (holding first on a tie)."""
        rows = [c for c in self.controls if c.region == region_id]
        rows.sort(key=lambda c: (c.since.start, c.kind not in HOLDING, c.party))
        return rows

    def boundaries_at(self, day: float) -> list[Boundary]:
        return [b for b in self.boundaries if b.in_force(day)]

    def regions_for_places(self, places: Iterable[str]) -> list[str]:
        """Regions an event listing `places` is about (a region lists the place ids it covers)."""
        wanted = set(places)
        return [r.id for r in self.regions.values() if wanted.intersection(r.places)] if wanted else []

    def places_of(self, region_id: str) -> list[str]:
        r = self.regions.get(region_id)
        return list(r.places) if r else []

    def change_days(self) -> list[int]:
        """Days on which anything on the map changes (for stepping a map through time)."""
        days = {c.since.start for c in self.controls} | {c.until.start for c in self.controls if c.until}
        days |= {b.since.start for b in self.boundaries} | {b.until.start for b in self.boundaries if b.until}
        return sorted(days)

    # -- the load cache ----------------------------------------------------------------------
    def geometry_file(self, base: str | Path) -> Path:
        return Path(base) / self.geometry

    def fresh(self, base: str | Path) -> bool:
        """True if the GeoJSON file still has the bytes it was loaded from (the cache keys only TOML)."""
        from .geojson import GeoJSONError, read_bytes

        try:
            data = read_bytes(self.geometry_file(base))  # a regular file, size-limited, never a FIFO
        except (OSError, ValueError, GeoJSONError):
            return False
        return hashlib.sha256(data).hexdigest() == self.digest


def ring_points(ring: Ring) -> list[tuple[float, float]]:
    return list(zip(ring[0::2], ring[1::2]))


def ring_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area (square degrees) and centroid of a ring, in plain longitude/latitude."""
    pts = ring_points(ring)
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        n = max(len(pts), 1)
        return 0.0, sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n
    return a / 2, cx / (3 * a), cy / (3 * a)


def label_point(region: Region) -> tuple[float, float] | None:
    """Where to put a region's label: the centroid of its largest polygon's outer ring."""
    best = None
    for poly in region.polygons:
        a, x, y = ring_centroid(poly[0])
        if best is None or abs(a) > best[0]:
            best = (abs(a), x, y)
    return None if best is None else (best[1], best[2])


# -- the `explorer control` report -------------------------------------------------------------
def _sources(sources) -> list[dict]:
    return [{"title": s.title, "url": s.url, "publisher": s.publisher} for s in sources]


def control_report(dataset: "Dataset", day: int) -> list[dict]:
    """One row per region: who holds it on `day`, since when and by which event, and who claims it."""
    geo = dataset.geo
    if geo is None:
        return []
    parties = dataset.parties

    def party_name(pid: str) -> str:
        p = parties.get(pid)
        return p.name_at(day) if p else pid

    def event_title(eid: str) -> str:
        ev = dataset.event(eid) if eid else None
        return ev.title if ev else ""

    rows = []
    for rid, st in geo.state_at(day).items():
        region = geo.regions[rid]
        c = st.control
        claims = [x for x in geo.controls if x.region == rid and x.kind == "claims" and x.in_force(day)
                  and x.party in st.claimants]
        rows.append({
            "region": rid, "name": region.name, "names": dict(region.names),
            "holder": st.holder, "holder_name": party_name(st.holder) if st.holder else None,
            "kind": st.holder_kind,
            "since": c.since.edtf() if c else None,
            "until": c.until.edtf() if c and c.until else None,
            "event": c.event if c else "", "event_title": event_title(c.event) if c else "",
            "sources": _sources(c.sources) if c else [],
            "claimants": [{"party": x.party, "name": party_name(x.party), "since": x.since.edtf(),
                           "event": x.event, "event_title": event_title(x.event)} for x in claims],
        })
    return rows


def history_lines(dataset: "Dataset", region_id: str) -> list[str]:
    """Plain text, one line per period: who held or claimed the region, when, and by which event."""
    geo = dataset.geo
    if geo is None or region_id not in geo.regions:
        return []
    out = []
    for c in geo.history(region_id):
        p = dataset.parties.get(c.party)
        who = p.name_at(c.since.start) if p else c.party
        when = c.since.display() + (f" – {c.until.display()}" if c.until else " – today")
        ev = dataset.event(c.event) if c.event else None
        out.append(f"{when}: {who} {c.kind}" + (f" ({ev.title})" if ev else ""))
    return out


def boundary_report(dataset: "Dataset", day: int) -> list[dict]:
    geo = dataset.geo
    if geo is None:
        return []
    return [{"id": b.id, "name": b.name, "since": b.since.edtf(), "until": b.until.edtf() if b.until else None,
             "event": b.event} for b in geo.boundaries_at(day)]


_PASSIVE = {"administers": "administered", "occupies": "occupied", "claims": "claimed"}


def format_control_report(rows: list[dict], day: int, boundaries: list[dict] | None = None) -> str:
    """Plain text for a terminal: one block per region."""
    lines = [f"Control on {display_day(day)}"]
    if not rows:
        lines.append("  (this dataset has no map regions)")
    width = max((len(r["name"]) for r in rows), default=0)
    for r in rows:
        if r["holder"]:
            what = f"{_PASSIVE[r['kind']]} by {r['holder_name']}"
            if r["since"]:
                what += f" since {Date.parse(r['since']).display()}"
            if r["event_title"]:
                what += f" ({r['event_title']})"
        else:
            what = "no holder recorded"
        lines.append(f"  {r['name']:<{width}}  {what}")
        for cl in r["claimants"]:
            lines.append(f"  {'':<{width}}  claimed by {cl['name']} since {Date.parse(cl['since']).display()}")
    if boundaries:
        lines.append("Boundary lines in force:")
        for b in boundaries:
            lines.append(f"  {b['name']} (since {Date.parse(b['since']).display()})")
    return "\n".join(lines)
