"""geojson._plain (positions that are plain pairs of floats, read in C loops) gives exactly what the
checked reader gives, or declines: on the bundled map and on positions mutated every way a file
can be wrong (ints, bools, strings, NaN and infinities, out of range, three coordinates, short
pairs, nested lists)."""

import json
import random

import pytest

from explorer.core import geojson
from tests.helpers import BUNDLED


def _rings(obj):
    if isinstance(obj, list) and obj and all(isinstance(p, list) and len(p) == 2 and
                                             all(isinstance(c, float) for c in p) for p in obj):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from _rings(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _rings(x)


def _same(pts) -> None:
    fast = geojson._plain(pts)
    try:
        slow = list(geojson._checked(pts, "at"))
    except geojson.GeoJSONError:
        assert fast is None, pts
        return
    assert fast is None or list(fast) == slow, pts


BAD = [0, 1, True, False, None, "1.5", [], [1.0], 1e400, -1e400, float("nan"), 181.0, -180.5, 90.5, -91.0,
       180.0, -90.0, 12]


def test_bundled_map_read_the_fast_way_is_what_the_checked_way_reads():
    doc = json.loads((BUNDLED / "map" / "regions.geojson").read_bytes())
    rings = list(_rings(doc))
    assert len(rings) > 10
    for ring in rings:
        assert geojson._plain(ring) is not None  # (plain pairs of floats: the fast way takes them)
        _same(ring)


@pytest.mark.parametrize("seed", range(4))
def test_mutated_positions(seed):
    rnd = random.Random(seed)
    doc = json.loads((BUNDLED / "map" / "regions.geojson").read_bytes())
    rings = list(_rings(doc))
    for _ in range(600):
        ring = [list(p) for p in rnd.choice(rings)]
        k = rnd.randrange(len(ring))
        what = rnd.randrange(4)
        if what == 0:
            ring[k][rnd.randrange(2)] = rnd.choice(BAD)
        elif what == 1:
            ring[k] = ring[k] + [rnd.choice([0.0, 12.5, "x"])]
        elif what == 2:
            ring[k] = rnd.choice([ring[k][:1], (1.0, 2.0), "1,2", {"lon": 1.0}, [[1.0, 2.0]]])
        else:
            ring[k] = [float(int(ring[k][0])), float(int(ring[k][1]))]
        _same(ring)
