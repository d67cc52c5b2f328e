"""The map example in docs/dataset-format.md is complete and valid."""

from pathlib import Path

from explorer.core.loading import open_dataset as load
from explorer.core.dates import Date

DOC = Path(__file__).resolve().parents[2] / "docs" / "dataset-format.md"


def test_map_example_loads(tmp_path):
    section = DOC.read_text(encoding="utf-8").split("\n## Map\n", 1)[1]
    toml = section.split("```toml\n", 1)[1].split("```", 1)[0]
    geojson = section.split("```json\n", 1)[1].split("```", 1)[0]
    (tmp_path / "dataset.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "shapes.geojson").write_text(geojson, encoding="utf-8")
    r = load(tmp_path)
    assert r.ok and r.problems == [], [str(p) for p in r.problems]
    geo = r.dataset.geo
    st = geo.state_at(Date.parse("1960").start)["isle"]
    assert (st.holder, st.holder_kind, st.claimants) == ("south", "administers", ["north"])
    assert geo.regions_for_places(r.dataset.event("cession").places) == ["isle"]
    assert [b.id for b in geo.boundaries_at(Date.parse("1960").start)] == ["strait-line"]
