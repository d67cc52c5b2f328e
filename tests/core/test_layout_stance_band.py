"""The stance band's model (core/stance_band.py): segments per side, lookup, and level of detail."""

from explorer.core.dates import Date
from explorer.core.loading import open_dataset
from explorer.core.model import Dataset, Party, Position
from explorer.core.stance_band import StanceBand, short_stance
from tests.helpers import BUNDLED, day


def test_one_row_per_side_with_segments_end_to_end():
    ds = open_dataset(BUNDLED).dataset
    band = StanceBand(ds)
    assert band.sides == [s for s in ds.side_ids if ds.stances_of(s)]
    for side, pid in enumerate(band.sides):
        stances = ds.stances_of(pid)
        assert len(band.stances[side]) == len(stances)
        # each stance runs to the next one's since (no until in this dataset), the last one stays open
        assert list(band.ends[side][:-1]) == list(band.starts[side][1:])
        assert band.ends[side][-1] == float("inf")


def test_the_stance_at_a_day_is_the_one_in_force():
    ds = open_dataset(BUNDLED).dataset
    band = StanceBand(ds)
    for side, pid in enumerate(band.sides):
        for when in ("1905-09-06", "1945-02-11", "1956-10-20", "2020-01-01"):
            i = band.at(side, day(when))
            assert band.stance(side, i) is ds.position_at(pid, day(when))
        assert band.at(side, day("1800-01-01")) == -1  # before the first stance: none


def many(n: int) -> Dataset:
    ds = Dataset(id="t", title="t", description="", language="en", sides=["a"],
                 parties={"a": Party("a", "Alpha", "#aa0000")})
    ds.positions = [Position("a", Date.parse(f"{1500 + k // 12:04d}-{k % 12 + 1:02d}"), f"Stance {k}.") for k in range(n)]
    return ds.finish()


def test_hundreds_of_stances_merge_where_too_narrow():
    band = StanceBand(many(600))
    lo, hi = band.starts[0][0], band.starts[0][-1] + 400
    px_per_day = 1000 / (hi - lo)  # 50 years of monthly stances in 1000 px: 1.6 px each
    pieces = band.pieces(0, lo, hi, px_per_day)
    assert len(pieces) < 600 / 2 and any(p.merged for p in pieces)
    assert sum(p.last - p.first + 1 for p in pieces) == 600  # nothing lost
    assert all(a.last + 1 == b.first for a, b in zip(pieces, pieces[1:]))
    # zoomed in to two years: every stance is its own piece
    lo2 = band.starts[0][300]
    pieces = band.pieces(0, lo2, lo2 + 730, 1000 / 730)
    assert pieces and not any(p.merged for p in pieces)


def test_visible_finds_only_what_meets_the_range():
    band = StanceBand(many(120))
    a, b = band.visible(0, band.starts[0][50] + 1, band.starts[0][52] + 1)
    assert (a, b) == (50, 53)


def test_short_stance_takes_the_first_clause():
    assert short_stance("Habomai and Shikotan will be transferred; no other territory is in question.") \
        == "Habomai and Shikotan will be transferred"
    assert short_stance("Short.") == "Short."
    long = "word " * 40
    assert short_stance(long).endswith("…") and len(short_stance(long)) <= 90
