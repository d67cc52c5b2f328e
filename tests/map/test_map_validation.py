"""Map tables are checked like the rest: every problem named with file:line:col (or the feature)."""

import json
import os
import pickle

import pytest

from tests.helpers import MINIMAL_HEAD, POSITIONS, event
from explorer.core import loading as cache
from tests.helpers import parse_path as load

SQUARE = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]
GEOJSON = {
    "type": "FeatureCollection",
    "attribution": "test shapes",
    "features": [
        {"type": "Feature", "id": "isle", "properties": {}, "geometry": {"type": "Polygon", "coordinates": SQUARE}},
        {"type": "Feature", "properties": {"id": "other"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[[12, 10], [13, 10], [13, 11], [12, 10]]]]}},
        {"type": "Feature", "id": "line", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[11.5, 9], [11.5, 12]]}},
    ],
}
PLACE = '''
[[place]]
id = "isle-place"
name = "The isle"
'''
MAP = '''[map]
geometry = "shapes/map.geojson"

[[region]]
id = "isle"
name = "The isle"
names = { ja = "島" }
places = ["isle-place"]

[[region]]
id = "east"
name = "East"
feature = "other"

[[boundary]]
id = "line"
name = "A line"
since = "1990"
event = "e1"
  [[boundary.source]]
  title = "S"

[[control]]
region = "isle"
party = "a"
kind = "administers"
since = "1990"
until = "2000"
event = "e1"
  [[control.source]]
  title = "S"
  url = "https://example.org/a"

[[control]]
region = "isle"
party = "b"
kind = "administers"
since = "2000"
  [[control.source]]
  title = "S"

[[control]]
region = "isle"
party = "a"
kind = "claims"
since = "2000"
  [[control.source]]
  title = "S"
'''


def files(map_toml: str = MAP, geojson=None) -> dict:
    geo = json.dumps(GEOJSON if geojson is None else geojson, indent=1) if not isinstance(geojson, (str, bytes)) \
        else geojson
    return {
        "dataset.toml": MINIMAL_HEAD + POSITIONS + PLACE + event("e1", "1990"),
        "map.toml": map_toml,
        "shapes/map.geojson": geo,
    }


def messages(result) -> list[str]:
    return [str(p) for p in result.problems if p.is_error]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    seen = 0
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(needle)


def test_valid_map_loads(make_dataset):
    r = load(make_dataset(files()))
    assert r.ok, messages(r)
    g = r.dataset.geo
    assert list(g.regions) == ["isle", "east"]
    assert g.attribution == "test shapes"  # from the GeoJSON when [map] has none
    assert g.regions["isle"].polygons and g.boundaries[0].lines
    assert g.state_at(10_958 + 400).get("isle").holder == "b"  # 2001
    assert g.state_at(10_958 + 400)["isle"].claimants == ["a"]
    assert g.bbox == (10.0, 9.0, 13.0, 12.0)


def test_broken_json_names_the_file_line_and_column(make_dataset):
    broken = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",, }\n  ]\n}\n'
    r = load(make_dataset(files(geojson=broken)))
    assert not r.ok
    assert any(m.startswith("shapes/map.geojson:4:24: error: GeoJSON is not valid JSON") for m in messages(r)), messages(r)


@pytest.mark.parametrize("doc, expect", [
    ({"type": "Feature"}, "must be a FeatureCollection"),
    ([1, 2], "must be a FeatureCollection"),
    ({"type": "FeatureCollection"}, "has no `features` list"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "isle", "geometry":
      {"type": "Polygon", "coordinates": [[[10, 10], [11, "x"], [11, 11]]]}}]},
     "features[0] (`isle`).geometry.coordinates[0][1]: expected [longitude, latitude] as numbers"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "isle", "geometry":
      {"type": "Polygon", "coordinates": [[[10, 10], [11, 95], [11, 11]]]}}]}, "outside longitude"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "id": "isle", "geometry":
      {"type": "Polygon", "coordinates": [[[10, 10], [11, 10]]]}}]}, "needs at least 3 positions"),
    ({"type": "FeatureCollection", "features": [GEOJSON["features"][0], GEOJSON["features"][0]]},
     "duplicate feature id `isle`"),
])
def test_wrong_structure_names_the_file_and_place(make_dataset, doc, expect):
    r = load(make_dataset(files(geojson=doc)))
    assert not r.ok
    errs = [m for m in messages(r) if m.startswith("shapes/map.geojson: error:")]
    assert errs and expect in errs[0], messages(r)


def test_missing_feature_id_is_named_with_its_line(make_dataset):
    text = MAP.replace('feature = "other"', 'feature = "otter"')
    r = load(make_dataset(files(text)))
    line = line_of(text, 'feature = "otter"')
    assert f"map.toml:{line}:1: error: region `east`: feature `otter` is not in shapes/map.geojson; " \
           "did you mean `other`?" in messages(r)


def test_region_needs_a_polygon_and_boundary_a_line(make_dataset):
    text = MAP.replace('feature = "other"', 'feature = "line"').replace('id = "line"\nname', 'id = "line"\nfeature = "isle"\nname')
    r = load(make_dataset(files(text)))
    errs = "\n".join(messages(r))
    assert "region `east`: feature `line` in shapes/map.geojson is a LineString" in errs
    assert "boundary `line`: feature `isle` in shapes/map.geojson is a Polygon" in errs


def test_unknown_region_party_event_and_place(make_dataset):
    text = (MAP.replace('region = "isle"\nparty = "b"', 'region = "ilse"\nparty = "b"')
               .replace('party = "a"\nkind = "claims"', 'party = "c"\nkind = "claims"')
               .replace('places = ["isle-place"]', 'places = ["isle-plaice"]')
               .replace('since = "1990"\nevent = "e1"', 'since = "1990"\nevent = "e9"'))
    r = load(make_dataset(files(text)))
    errs = messages(r)
    at = [line_of(text, k) for k in ('region = "ilse"', 'party = "c"', "places = ", 'event = "e9"')]
    assert f"map.toml:{at[0]}:1: error: control: unknown region `ilse`; did you mean `isle`?" in errs
    assert f"map.toml:{at[1]}:1: error: control of `isle` by `c`: unknown party `c`" in errs
    assert any(e.startswith(f"map.toml:{at[2]}:1: error: region `isle`: unknown place `isle-plaice`")
               for e in errs), errs
    assert f"map.toml:{at[3]}:1: error: boundary `line`: event `e9` does not exist" in errs


def test_unknown_kind_and_until_before_since(make_dataset):
    text = MAP.replace('kind = "claims"', 'kind = "claim"').replace('until = "2000"', 'until = "1980"')
    errs = "\n".join(messages(load(make_dataset(files(text)))))
    assert "unknown kind `claim`; did you mean `claims`? (one of: administers, occupies, claims)" in errs
    assert "`until` (1980) is not after `since` (1990)" in errs


def test_overlapping_holders_name_both_periods(make_dataset):
    text = MAP.replace('until = "2000"', 'until = "2005"')
    r = load(make_dataset(files(text)))
    assert not r.ok
    first = line_of(text, "[[control]]", 1)
    second_since = line_of(text, 'since = "2000"', 1)
    assert (f"map.toml:{second_since}:1: error: control of `isle`: `b` administers 2000/.. overlaps `a` "
            f"administers 1990/2005 (map.toml:{first}); a region is held by one party at a time") in messages(r)[0]


def test_a_party_may_claim_what_another_holds(make_dataset):
    text = MAP.replace('kind = "claims"\nsince = "2000"', 'kind = "claims"\nsince = "1995"')
    assert load(make_dataset(files(text))).ok


@pytest.mark.parametrize("path, expect", [
    ("/etc/passwd", "is an absolute path"),
    ("../outside.geojson", "leaves the dataset folder"),
    ("shapes/../../outside.geojson", "leaves the dataset folder"),
    ("shapes\\map.geojson", "write paths with `/`"),
    ("shapes/none.geojson", "no such file in the dataset folder"),
    ("shapes", "is not a regular file"),
    ("", "empty"),
])
def test_geometry_path_must_stay_inside(make_dataset, path, expect):
    text = MAP.replace('geometry = "shapes/map.geojson"', f"geometry = {json.dumps(path)}")
    r = load(make_dataset(files(text)))
    assert any(m.startswith("map.toml:2:1: error: [map] geometry: ") and expect in m for m in messages(r)), messages(r)


def test_symlink_leaving_the_folder_is_refused(make_dataset, tmp_path):
    outside = tmp_path / "outside.geojson"
    outside.write_text(json.dumps(GEOJSON))
    root = make_dataset(files())
    (root / "shapes" / "map.geojson").unlink()
    os.symlink(outside, root / "shapes" / "map.geojson")
    r = load(root)
    assert any("outside the dataset folder; not read" in m for m in messages(r)), messages(r)


def test_too_large_or_too_many_positions(make_dataset, monkeypatch):
    from explorer.core import geojson

    monkeypatch.setattr(geojson, "MAX_POSITIONS", 10)
    r = load(make_dataset(files()))
    assert any("more than 10 positions" in m for m in messages(r)), messages(r)
    monkeypatch.setattr(geojson, "MAX_BYTES", 100)
    r = load(make_dataset(files()))
    assert any("GeoJSON file is too large" in m for m in messages(r)), messages(r)


def test_deep_nesting_is_an_error_not_a_crash(make_dataset):
    r = load(make_dataset(files(geojson="[" * 100_000 + "]" * 100_000)))
    assert any(m.startswith("shapes/map.geojson: error: GeoJSON nesting is too deep") for m in messages(r)), messages(r)


def test_regions_without_a_map_table(make_dataset):
    text = MAP.split("[[region]]", 1)[1]
    r = load(make_dataset(files("[[region]]" + text)))
    assert any("need a [map] table with `geometry`" in m for m in messages(r)), messages(r)


def test_unknown_keys_get_suggestions(make_dataset):
    text = MAP.replace('kind = "administers"\nsince = "1990"', 'kind = "administers"\nsicne = "1990"')
    errs = "\n".join(messages(load(make_dataset(files(text)))))
    assert "unknown key `sicne` in control `isle`; did you mean `since`?" in errs


def test_second_map_table(make_dataset):
    f = files()
    f["more.toml"] = '[map]\ngeometry = "shapes/map.geojson"\n'
    errs = "\n".join(messages(load(make_dataset(f))))
    assert "a second [map] table" in errs


def test_load_cache_notices_an_edited_geojson(make_dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EXPLORER_NO_CACHE", raising=False)
    root = make_dataset(files())
    first = cache.open_dataset(root)
    assert first.ok and cache.cached(root) is not None
    broken = dict(GEOJSON, features=GEOJSON["features"][1:])  # `isle` is gone
    (root / "shapes" / "map.geojson").write_text(json.dumps(broken))
    assert cache.cached(root) is None  # the TOML files are unchanged, but the map is not
    again = cache.open_dataset(root)
    assert not again.ok and any("feature `isle` is not in" in m for m in messages(again))


def test_dataset_with_geo_survives_pickling(make_dataset):
    ds = load(make_dataset(files())).dataset
    again = pickle.loads(pickle.dumps(ds))
    assert again.geo.regions.keys() == ds.geo.regions.keys()
    assert again.geo.controls == ds.geo.controls
