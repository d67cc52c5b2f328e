"""A short soak in `make test` (`make soak` runs 500 edits)."""

from tests import soak


def test_short_soak(qapp):
    r = soak.soak(60, log=None)
    assert r["failures"] == [], r
    assert r["growth_mb"] < 20, r
