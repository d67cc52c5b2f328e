"""Who holds and who claims each region of the bundled map on given days (Qt-free)."""

import json
import pickle

import pytest

from explorer.core.loading import open_dataset as load
from explorer.core.dates import Date
from explorer.core.geo import boundary_report, control_report, format_control_report

J, R = "japan", "russia"
FOUR = ("habomai", "shikotan", "kunashiri", "etorofu")
ALL = ("hokkaido", *FOUR, "urup", "kurils-north", "sakhalin-south", "sakhalin-north")

# day -> region -> (holder, kind, claimants)
EXPECTED = {
    "1856-01-01": {
        **{r: (J, "administers", []) for r in ("hokkaido", *FOUR)},
        "urup": (R, "administers", []), "kurils-north": (R, "administers", []),
        "sakhalin-south": (None, None, [J, R]), "sakhalin-north": (None, None, [J, R]),
    },
    "1876-01-01": {
        **{r: (J, "administers", []) for r in ("hokkaido", *FOUR, "urup", "kurils-north")},
        "sakhalin-south": (R, "administers", []), "sakhalin-north": (R, "administers", []),
    },
    "1906-01-01": {
        **{r: (J, "administers", []) for r in ("hokkaido", *FOUR, "urup", "kurils-north", "sakhalin-south")},
        "sakhalin-north": (R, "administers", []),
    },
    "1921-01-01": {
        **{r: (J, "administers", []) for r in ("hokkaido", *FOUR, "urup", "kurils-north", "sakhalin-south")},
        "sakhalin-north": (J, "occupies", [R]),
    },
    "1945-08-20": {  # Shumshu is being fought over; no region has changed hands yet
        **{r: (J, "administers", []) for r in ("hokkaido", *FOUR, "urup", "kurils-north", "sakhalin-south")},
        "sakhalin-north": (R, "administers", []),
    },
    "1946-06-01": {
        "hokkaido": (J, "administers", []),
        **{r: (R, "administers", []) for r in (*FOUR, "urup", "kurils-north", "sakhalin-south", "sakhalin-north")},
    },
    "2023-01-01": {
        "hokkaido": (J, "administers", []),
        **{r: (R, "administers", [J]) for r in FOUR},
        **{r: (R, "administers", []) for r in ("urup", "kurils-north", "sakhalin-south", "sakhalin-north")},
    },
}


@pytest.fixture(scope="module")
def ds():
    from tests.helpers import BUNDLED

    r = load(BUNDLED)
    assert r.ok, [str(p) for p in r.problems]
    assert r.dataset.geo is not None
    return r.dataset


def day(text: str) -> int:
    return Date.parse(text).start


@pytest.mark.parametrize("when", sorted(EXPECTED))
def test_state_of_every_region(ds, when):
    state = ds.geo.state_at(day(when))
    assert list(state) == list(ALL)
    got = {rid: (s.holder, s.holder_kind, sorted(s.claimants)) for rid, s in state.items()}
    assert got == EXPECTED[when]


@pytest.mark.parametrize("when", sorted(EXPECTED))
def test_control_report_agrees(ds, when):
    rows = control_report(ds, day(when))
    assert [r["region"] for r in rows] == list(ALL)
    for r in rows:
        holder, kind, claimants = EXPECTED[when][r["region"]]
        assert (r["holder"], r["kind"], sorted(c["party"] for c in r["claimants"])) == (holder, kind, claimants)
    json.dumps(rows)  # what `explorer control --json` prints


def test_report_names_the_party_of_the_day_and_the_event(ds):
    rows = {r["region"]: r for r in control_report(ds, day("1876-01-01"))}
    assert rows["urup"]["holder_name"] == "Empire of Japan"  # the name Japan had then
    assert rows["urup"]["since"] == "1875-08-22"
    assert rows["urup"]["event"] == "treaty-of-saint-petersburg"
    assert rows["sakhalin-north"]["holder_name"] == "Russian Empire"
    rows = {r["region"]: r for r in control_report(ds, day("1950-01-01"))}
    assert rows["etorofu"]["holder_name"] == "Soviet Union"
    assert rows["etorofu"]["event_title"]
    text = format_control_report(list(rows.values()), day("1950-01-01"), boundary_report(ds, day("1950-01-01")))
    assert "Etorofu / Iturup             administered by Soviet Union since 2 February 1946" in text


def test_before_1855_nobody_holds_anything(ds):
    state = ds.geo.state_at(day("1854-06-01"))
    assert all(s.holder is None and not s.claimants for s in state.values())
    assert "no holder recorded" in format_control_report(control_report(ds, day("1854-06-01")), day("1854-06-01"))


@pytest.mark.parametrize("when, lines", [
    ("1854-06-01", []), ("1856-01-01", ["line-1855"]), ("1876-01-01", ["line-1875"]),
    ("1906-01-01", ["line-1875", "line-1905"]), ("1946-06-01", []),
])
def test_boundaries_in_force(ds, when, lines):
    assert [b.id for b in ds.geo.boundaries_at(day(when))] == lines


def test_each_change_of_hands_has_sources_with_urls(ds):
    for c in ds.geo.controls:
        assert c.sources, c
        assert all(s.url.startswith(("http://", "https://")) for s in c.sources)


def test_history_is_in_order(ds):
    hist = ds.geo.history("urup")
    assert [(c.party, c.kind) for c in hist] == [(R, "administers"), (J, "administers"), (R, "occupies"),
                                                  (R, "administers")]
    assert [c.since.start for c in hist] == sorted(c.since.start for c in hist)


def test_regions_for_places(ds):
    assert ds.geo.regions_for_places(["etorofu", "nowhere"]) == ["etorofu"]
    assert ds.geo.regions_for_places([]) == []
    assert set(ds.geo.regions_for_places(["habomai", "shikotan"])) == {"habomai", "shikotan"}
    ev = ds.event("four-islands-occupied")
    assert set(ds.geo.regions_for_places(ev.places)) >= {"etorofu"}


def test_geo_pickles_small_and_whole(ds):
    blob = pickle.dumps(ds.geo, protocol=pickle.HIGHEST_PROTOCOL)
    assert len(blob) < 200_000
    again = pickle.loads(blob)
    assert again.state_at(day("1921-01-01")) == ds.geo.state_at(day("1921-01-01"))
    assert list(again.regions["etorofu"].polygons[0][0]) == list(ds.geo.regions["etorofu"].polygons[0][0])


def test_map_geometry_is_small_and_attributed():
    from tests.helpers import BUNDLED

    path = BUNDLED / "map" / "regions.geojson"
    assert path.stat().st_size < 500_000
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "Natural Earth" in doc["attribution"]
    ids = {f["id"] for f in doc["features"]}
    assert set(ALL) | {"line-1855", "line-1875", "line-1905"} <= ids


def test_a_dataset_without_regions_has_no_geo(make_dataset):
    from tests.helpers import MINIMAL_HEAD, POSITIONS, event

    r = load(make_dataset({"dataset.toml": MINIMAL_HEAD + POSITIONS + event("e1", "1990")}))
    assert r.ok and r.dataset.geo is None
