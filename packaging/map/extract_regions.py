"""Build the bundled map (resources/datasets/kuril/map/regions.geojson) from Natural Earth.

Run by hand when the regions or lines change; plain Python 3.11, standard library only:

    mkdir -p /tmp/wa && cd /tmp/wa && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 packaging/map/extract_regions.py /tmp/wa/package/countries-10m.json

Source: Natural Earth 1:10m admin-0 countries (v4.1.0, public domain) as TopoJSON in the
`world-atlas` 2.0.2 npm package. What the script does, in order:

1. Decodes the TopoJSON: arcs are delta-encoded integers on a quantized grid (the `transform`
   gives scale and translate); a polygon ring is a list of arc indexes, ~i meaning arc i reversed.
2. Keeps the polygons of Japan and Russia that touch the box BOX (139–157° E, 41–54.5° N: a little
   further north than 52° N so that all of Sakhalin, whose tip is at 54.4° N, is on the map).
3. Assigns every polygon to a region by the centroid of its outer ring, with these rules:
   - Japan: a polygon reaching south of 41° N is Honshu (context land); every other one is Hokkaido
     (with Rishiri, Rebun, Okushiri and the Notsuke spit, which Natural Earth draws apart).
   - Russia, more than 100 square degrees: the Asian mainland with Kamchatka (context land).
   - Russia, west of 145.3° E: Sakhalin, cut at 50° N into `sakhalin-north` and `sakhalin-south`
     (clipped, not by centroid: the 1905 line ran along the parallel).
   - Russia, east of 145.3° E, the Kurils, from north-east to south-west:
     at or east of 150.5° E, or at or north of 46.2° N: `kurils-north` (Chirpoy to Shumshu);
     at or east of 149.2° E: `urup`; at or east of 146.8° E and at or north of 44.4° N: `etorofu`;
     at or north of 43.95° N: `kunashiri`; at or east of 146.45° E: `shikotan`; the rest: `habomai`.
4. Clips each ring to BOX (Sutherland–Hodgman; Sakhalin also to each side of 50° N), simplifies it
   (Douglas–Peucker in a plane scaled by cos 46°, tolerance TOLERANCE; never below 4 points, so
   small islands stay), and rounds coordinates to 4 decimals (about 10 m).
5. Adds LineString features for three boundary lines, drawn as median lines between the two
   shores (points equidistant from both), so they sit in the middle of each strait:
   `line-1855` in the Vries (Friza) Strait between Etorofu and Urup (Treaty of Shimoda),
   `line-1875` in the First Kuril Strait between Shumshu and Cape Lopatka (Treaty of Saint
   Petersburg), and `line-1905` along 50° N across Sakhalin (Treaty of Portsmouth).

Natural Earth 1:10m lacks many islets: of the Habomai group only Shibotsu/Zelyony is drawn
(Suisho, Yuri, Akiyuri, Taraku, Harukaru and the rocks are missing), and Moneron, Ushishir,
Chirinkotan, Brat Chirpoyev, Broutona and Raikoke are missing too. The regions still carry
the names of the whole groups.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "datasets" / "kuril" / "map" / "regions.geojson"
BOX = (139.0, 41.0, 157.0, 54.5)  # west, south, east, north
KX = math.cos(math.radians(46.0))  # x scale of the working plane (degrees of longitude at 46° N)
TOLERANCE = 0.002  # degrees of latitude (~220 m, about the grid of the source)
CONTEXT_TOLERANCE = 0.01
ATTRIBUTION = ("Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com; "
               "public domain; via world-atlas 2.0.2")

REGION_NAMES = {
    "hokkaido": "Hokkaido", "sakhalin-north": "Northern Sakhalin", "sakhalin-south": "Southern Sakhalin",
    "kurils-north": "Central and northern Kurils", "urup": "Urup", "etorofu": "Etorofu / Iturup",
    "kunashiri": "Kunashiri / Kunashir", "shikotan": "Shikotan", "habomai": "Habomai Islands",
    "context-honshu": "Honshu (context)", "context-mainland": "Asian mainland and Kamchatka (context)",
}


# -- TopoJSON -------------------------------------------------------------------------------
def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    t = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if t:
            (sx, sy), (tx, ty) = t["scale"], t["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        out.append(pts)
    return out


def ring_from(arc_ids: list[int], arcs) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in arc_ids:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])  # consecutive arcs share their end point
    return ring


def polygons_of(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    return [[ring_from(r, arcs) for r in poly] for poly in parts]


# -- plane geometry -------------------------------------------------------------------------
def area_centroid(ring) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    n = len(ring)
    for i in range(n):
        x0, y0 = ring[i]
        x1, y1 = ring[(i + 1) % n]
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / n, sum(ys) / n
    return a, cx / (6 * a), cy / (6 * a)


def clip(ring, inside, cross):
    """Sutherland–Hodgman against one half-plane: `inside(p)`, `cross(p, q)` gives the crossing point."""
    out = []
    n = len(ring)
    for i in range(n):
        p, q = ring[i - 1], ring[i]
        if inside(q):
            if not inside(p):
                out.append(cross(p, q))
            out.append(q)
        elif inside(p):
            out.append(cross(p, q))
    return out


def _at_x(x):
    return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))


def _at_y(y):
    return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)


def clip_box(ring, west, south, east, north):
    for inside, cross in ((lambda p: p[0] >= west, _at_x(west)), (lambda p: p[0] <= east, _at_x(east)),
                          (lambda p: p[1] >= south, _at_y(south)), (lambda p: p[1] <= north, _at_y(north))):
        if not ring:
            break
        ring = clip(ring, inside, cross)
    return ring


def _seg_dist(p, a, b) -> float:
    """Distance from p to segment ab in the working plane (x scaled by KX)."""
    px, py, ax, ay, bx, by = p[0] * KX, p[1], a[0] * KX, a[1], b[0] * KX, b[1]
    dx, dy = bx - ax, by - ay
    L = dx * dx + dy * dy
    t = 0.0 if L == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / L))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(pts, tol):
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = -1.0, -1
        for k in range(i + 1, j):
            d = _seg_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep) if k]


def simplify_ring(ring, tol):
    """Closed ring in, closed ring out; small islands keep at least 4 distinct points."""
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    if len(ring) < 4:
        return None
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
    t = tol
    while True:
        a = douglas_peucker(ring[: far + 1], t)
        b = douglas_peucker(ring[far:] + [ring[0]], t)
        out = a + b[1:-1]
        out = _rounded(out)
        if len(out) >= 4 or t < 1e-5:
            break
        t /= 2
    if len(out) < 3:
        return None
    return out + [out[0]]


def _rounded(pts):
    out = []
    for x, y in pts:
        p = (round(x, 4), round(y, 4))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


# -- assignment -----------------------------------------------------------------------------
def region_of(country: str, outer) -> str | None:
    a, cx, cy = area_centroid(outer)
    south = min(p[1] for p in outer)
    if country == "Japan":
        return "context-honshu" if south < 41.0 else "hokkaido"
    if abs(a) > 100:
        return "context-mainland"
    if cx < 145.3:
        return "sakhalin"  # split by clipping below
    if cx >= 150.5 or cy >= 46.2:
        return "kurils-north"
    if cx >= 149.2:
        return "urup"
    if cx >= 146.8 and cy >= 44.4:
        return "etorofu"
    if cy >= 43.95:
        return "kunashiri"
    if cx >= 146.45:
        return "shikotan"
    return "habomai"


def collect(topo: dict) -> dict[str, list[list[list[tuple[float, float]]]]]:
    arcs = decode_arcs(topo)
    west, south, east, north = BOX
    regions: dict[str, list] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        country = (g.get("properties") or {}).get("name")
        if country not in ("Japan", "Russia"):
            continue
        for poly in polygons_of(g, arcs):
            outer = poly[0]
            xs = [p[0] for p in outer]
            ys = [p[1] for p in outer]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            rid = region_of(country, outer)
            pieces = [(rid, poly)]
            if rid == "sakhalin":
                pieces = [
                    ("sakhalin-north", [clip(r, lambda p: p[1] >= 50.0, _at_y(50.0)) for r in poly]),
                    ("sakhalin-south", [clip(r, lambda p: p[1] <= 50.0, _at_y(50.0)) for r in poly]),
                ]
            for name, rings in pieces:
                clipped = [clip_box(r, *BOX) for r in rings]
                if len(clipped[0]) >= 3:
                    regions.setdefault(name, []).append([r for r in clipped if len(r) >= 3])
    return regions


def simplified(regions):
    out = {}
    for rid, polys in regions.items():
        tol = CONTEXT_TOLERANCE if rid.startswith("context-") else TOLERANCE
        done = []
        for poly in polys:
            rings = [simplify_ring(r, tol) for r in poly]
            if rings[0] is None:
                continue
            done.append([r for r in rings if r is not None])
        out[rid] = done
    return out


# -- boundary lines -------------------------------------------------------------------------
def _dist_to_rings(p, rings) -> float:
    best = float("inf")
    for r in rings:
        for a, b in zip(r, r[1:]):
            d = _seg_dist(p, a, b)
            if d < best:
                best = d
    return best


def median_line(side_a, side_b, half_length: float = 0.45, stations: int = 13):
    """Points equidistant from two shores, across the gap between their nearest points."""
    pa, pb, gap = None, None, float("inf")
    verts_a = [p for r in side_a for p in r]
    verts_b = [p for r in side_b for p in r]
    for a in verts_a:
        for b in verts_b:
            d = math.hypot((a[0] - b[0]) * KX, a[1] - b[1])
            if d < gap:
                pa, pb, gap = a, b, d
    # the plane: u across the gap (a -> b), v along the strait
    ux, uy = (pb[0] - pa[0]) * KX / gap, (pb[1] - pa[1]) / gap
    vx, vy = -uy, ux
    mx, my = (pa[0] + pb[0]) / 2 * KX, (pa[1] + pb[1]) / 2
    line = []
    for k in range(stations):
        s = -half_length + 2 * half_length * k / (stations - 1)
        lo, hi = -3 * gap, 3 * gap

        def f(t):
            p = ((mx + vx * s + ux * t) / KX, my + vy * s + uy * t)
            return _dist_to_rings(p, side_a) - _dist_to_rings(p, side_b), p

        flo, _ = f(lo)
        fhi, _ = f(hi)
        if flo * fhi > 0:
            continue
        for _ in range(40):
            mid = (lo + hi) / 2
            fm, p = f(mid)
            if (fm < 0) == (flo < 0):
                lo, flo = mid, fm
            else:
                hi = mid
        line.append(p)
    return _rounded(line)


def near(rings, lon, lat, radius):
    """Only the parts of rings within `radius` degrees of a point (for distance queries on big rings)."""
    out = []
    for r in rings:
        run = []
        for p in r:
            if abs(p[0] - lon) <= radius / KX and abs(p[1] - lat) <= radius:
                run.append(p)
            elif run:
                out.append(run)
                run = []
        if run:
            out.append(run)
    return [r for r in out if len(r) >= 2]


def boundary_lines(raw):
    def rings(rid, where=None):
        polys = raw[rid]
        if where:
            polys = [p for p in polys if where(area_centroid(p[0]))]
        return [r + [r[0]] for p in polys for r in p[:1]]

    etorofu, urup = rings("etorofu"), rings("urup")
    shumshu = rings("kurils-north", lambda acc: acc[2] > 50.6 and acc[1] > 156.0)
    kamchatka = near(rings("context-mainland"), 156.6, 50.95, 0.6)
    lines = {
        "line-1855": median_line(etorofu, urup, half_length=0.5),
        "line-1875": median_line(shumshu, kamchatka, half_length=0.35),
    }
    # 50° N from just off the west coast to just off the east coast of Sakhalin
    xs = []
    for poly in raw["sakhalin-south"]:
        for a, b in zip(poly[0], poly[0][1:] + poly[0][:1]):
            if abs(a[1] - 50.0) < 1e-9:
                xs.append(a[0])
    lines["line-1905"] = [(round(min(xs) - 0.35, 4), 50.0), (round(max(xs) + 0.35, 4), 50.0)]
    return lines


# -- output ---------------------------------------------------------------------------------
def feature_collection(regions, lines) -> dict:
    features = []
    for rid in sorted(regions):
        polys = regions[rid]
        coords = [[[list(p) for p in ring] for ring in poly] for poly in polys]
        features.append({
            "type": "Feature", "id": rid,
            "properties": {"id": rid, "name": REGION_NAMES[rid],
                           "role": "context" if rid.startswith("context-") else "region",
                           "polygons": len(coords)},
            "geometry": {"type": "MultiPolygon", "coordinates": coords},
        })
    names = {"line-1855": "Treaty of Shimoda line (Vries Strait)",
             "line-1875": "Treaty of Saint Petersburg line (First Kuril Strait)",
             "line-1905": "Treaty of Portsmouth line (50° N)"}
    for lid in sorted(lines):
        features.append({
            "type": "Feature", "id": lid, "properties": {"id": lid, "name": names[lid], "role": "boundary"},
            "geometry": {"type": "LineString", "coordinates": [list(p) for p in lines[lid]]},
        })
    return {
        "type": "FeatureCollection",
        "attribution": ATTRIBUTION,
        "source": "Natural Earth 1:10m Admin 0 – Countries, v4.1.0 (TopoJSON in world-atlas 2.0.2); "
                  "clipped, split and simplified by packaging/map/extract_regions.py",
        "bbox": list(BOX),
        "features": features,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("topojson", help="countries-10m.json from the world-atlas 2.0.2 npm package")
    ap.add_argument("-o", "--out", default=str(OUT))
    args = ap.parse_args(argv)
    topo = json.loads(Path(args.topojson).read_text(encoding="utf-8"))
    raw = collect(topo)
    lines = boundary_lines(raw)
    regions = simplified(raw)
    text = json.dumps(feature_collection(regions, lines), ensure_ascii=False, separators=(",", ":"))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for polys in regions.values() for p in polys for r in p)
    print(f"{out}: {len(text) // 1024} KB, {points} points")
    for rid in sorted(regions):
        print(f"  {rid:18s} {len(regions[rid]):3d} polygon(s), {sum(len(r) for p in regions[rid] for r in p):6d} points")
    for lid, pts in sorted(lines.items()):
        print(f"  {lid:18s} {pts[0]} .. {pts[-1]} ({len(pts)} points)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
