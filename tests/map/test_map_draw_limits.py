"""Drawing limits of map geometry (red-team finding 8, round 2)."""

import json

import pytest

from explorer.core.geojson import MAX_TRAVEL, GeoJSONError, parse


def collection(features):
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def zigzag(fid, n, x0=10.0, y0=40.0, w=1.0, h=1.0):
    ring = [[x0 + (i % 2) * w, y0 + h * i / n] for i in range(n)] + [[x0, y0 + h], [x0, y0]]
    return {"type": "Feature", "id": fid, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_intricate_shapes_are_refused_and_a_far_off_line_does_not_hide_them():
    far = {"type": "Feature", "id": "far", "geometry": {"type": "LineString",
                                                        "coordinates": [[-170, -80], [170, 80]]}}
    too_many = [zigzag(f"z{i}", 200) for i in range(10)]  # ~ 10 x 200 widths
    for feats in (too_many, too_many + [far]):
        with pytest.raises(GeoJSONError, match="too intricate to draw"):
            parse(collection(feats))


def test_ordinary_shapes_pass():
    feats, _ = parse(collection([zigzag("a", 40), zigzag("b", 40, x0=12)]))
    assert set(feats) == {"a", "b"} and MAX_TRAVEL >= 100
