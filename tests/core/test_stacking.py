"""Stacking marks into sub-rows (core/stacking.py): no overlaps, priorities, clusters, row sharing."""

import random

import numpy as np
import pytest

from explorer.core.lane_rows import allocate
from explorer.core.stacking import DAY_CELLS, Spacing, first_cell, stack

R = 5.5


def items(xs, widths, prio=None, px_per_day=1.0):
    xs = np.asarray(xs, dtype=float)
    n = len(xs)
    return dict(left=xs - R, right=xs + R, label_x=xs + R + 4, label_w=np.asarray(widths, dtype=float),
                prio=np.ones(n, dtype=int) if prio is None else np.asarray(prio), day=xs / px_per_day)


def footprints(it, st):
    """(row, start, end) of every mark shown alone (not faded), its label included, and of every badge."""
    out = []
    for i in np.flatnonzero((st.row >= 0) & ~st.under):
        lx = st.label_x[i]
        end = max(it["right"][i], lx + st.label_w[i]) if st.label_w[i] else it["right"][i]
        start = min(it["left"][i], lx) if st.label_w[i] else it["left"][i]
        out.append((int(st.row[i]), float(start), float(end)))
    out += [(c.row, c.left, c.right) for c in st.clusters]
    return out


def assert_no_overlap(fps):
    by_row = {}
    for row, a, b in fps:
        by_row.setdefault(row, []).append((a, b))
    for spans in by_row.values():
        spans.sort()
        for (a0, b0), (a1, b1) in zip(spans, spans[1:]):
            assert b0 <= a1, (a0, b0, a1, b1)


def badge(count, lo, hi):
    return 70.0


def test_marks_far_apart_share_one_row_with_whole_labels():
    it = items([10, 300, 600], [100, 100, 100])
    st = stack(**it, rows=3)
    assert st.rows == 1 and st.row.tolist() == [0, 0, 0] and st.label_w.tolist() == [100, 100, 100]


def test_overlapping_labels_go_to_sub_rows():
    it = items([10, 40, 70], [120, 120, 120])
    st = stack(**it, rows=5)
    assert sorted(st.row.tolist()) == [0, 1, 2] and all(st.label_w == 120)
    assert_no_overlap(footprints(it, st))


def test_when_rows_run_out_a_label_gives_way_then_marks_cluster():
    it = items([10, 120, 230], [200, 200, 200])
    st = stack(**it, rows=1)
    assert st.row.tolist() == [0, 0, 0]  # each label shortened to the next mark
    assert 64 <= st.label_w[0] < 200 and st.label_w[2] == 200
    assert_no_overlap(footprints(it, st))
    dense = items([100, 101, 102, 103, 104, 105], [150] * 6, px_per_day=1.0)
    st = stack(**dense, rows=2, badge_width=badge, first_level=0)
    assert st.clusters and sum(len(c.members) for c in st.clusters) + int((st.row >= 0).sum()) == 6
    assert_no_overlap(footprints(dense, st))


def test_a_label_too_short_to_read_is_left_out_but_the_mark_stays():
    it = items([10, 40], [200, 200])
    st = stack(**it, rows=1, spacing=Spacing(min_label=64))
    assert st.row.tolist() == [0, 0] and st.label_w[0] == 0 and st.label_w[1] == 200


def test_labels_stop_at_the_right_edge_or_go_left_of_their_mark():
    it = items([10, 900], [200, 200])
    st = stack(**it, rows=2, right_edge=1000)
    assert st.label_w[1] == 200 and st.label_x[1] + 200 <= 900 - R  # whole, on the left
    assert st.row[1] == 0  # where the row is free
    st = stack(**it, rows=2, right_edge=1000, left_edge=800)  # no room on the left: shortened
    assert st.label_w[1] == pytest.approx(1000 - (900 + R + 4)) and st.label_x[1] > 900
    st = stack(**items([960], [200]), rows=2, right_edge=1000, left_edge=900)
    assert st.label_w[0] == 0  # 30 px left: no label rather than "Tr…"


def test_the_selected_mark_keeps_its_whole_label_and_is_never_clustered():
    xs = [100 + i for i in range(12)]
    prio = [1] * 12
    prio[5] = 3
    it = items(xs, [180] * 12, prio)
    st = stack(**it, rows=1, badge_width=badge, first_level=0)
    assert st.row[5] >= 0 and st.label_w[5] == 180
    assert all(5 not in c.members for c in st.clusters)
    assert_no_overlap(footprints(it, st))


def test_related_marks_keep_their_label_only_while_the_rows_allow():
    it = items([100, 110, 120], [150, 150, 150], [3, 2, 2])
    st = stack(**it, rows=2)
    assert st.label_w[0] == 150 and st.label_w[1] == 150  # the selected one and one related in the 2 rows
    assert_no_overlap(footprints(it, st))


def test_faded_marks_get_no_label_and_never_block_a_match():
    it = items([100, 105, 110], [150, 150, 150], [0, 1, 0])
    st = stack(**it, rows=1)
    assert st.label_w.tolist() == [0, 150, 0] and (st.row >= 0).all()


def test_random_lanes_never_overlap():
    rng = random.Random(4)
    for _ in range(60):
        n = rng.randint(1, 120)
        xs = sorted(rng.uniform(0, 1200) for _ in range(n))
        widths = [rng.choice((0, 40, 90, 160, 260)) for _ in range(n)]
        prio = [rng.choice((0, 1, 1, 1, 2)) for _ in range(n)]
        prio[rng.randrange(n)] = 3
        it = items(xs, widths, prio, px_per_day=0.05)
        for i in range(n):  # priority labels may have been put left of their mark (planner.py does)
            if prio[i] >= 2 and rng.random() < 0.5 and xs[i] - R - 4 - widths[i] >= 0:
                it["label_x"][i] = xs[i] - R - 4 - widths[i]
        rows = rng.randint(1, 6)
        st = stack(**it, rows=rows, right_edge=1200, left_edge=0, badge_width=badge,
                   first_level=first_cell(0.05, 28))
        assert_no_overlap(footprints(it, st))
        assert st.rows <= rows + 1  # only the selected mark may add a row
        shown = np.flatnonzero((st.row >= 0) & (it["prio"] == 1) & (st.label_w > 0))
        assert st.under[it["prio"] == 0].all()
        assert all(st.label_x[i] + st.label_w[i] <= 1200 + 1e-6 and st.label_x[i] >= 0 for i in shown)
        in_clusters = {m for c in st.clusters for m in c.members}
        assert all(it["prio"][m] in (1, 2) for m in in_clusters)
        # every mark is shown alone, in a cluster, or (faded, or out of rows) on no row
        assert in_clusters.isdisjoint(np.flatnonzero(st.row >= 0).tolist())


def test_allocate_shares_rows_by_weight_and_never_beyond_demand():
    assert allocate([3, 2, 0], 10) == [3, 2, 0]
    got = allocate([10, 10, 10], 9, [50, 30, 10])
    assert sum(got) == 9 and got[0] > got[1] > got[2] >= 1
    assert allocate([1, 8], 4) == [1, 3]
    assert allocate([4, 4, 4], 2) == [1, 1, 1]  # each lane that asks gets a row, even over the budget


def test_first_cell_is_the_smallest_wide_enough():
    px_per_day = 34 / 3652.425  # a decade in 34 px (fit-all of the bundled dataset on 1366 px)
    i = first_cell(px_per_day, 28)
    assert DAY_CELLS[i] * px_per_day >= 28 > DAY_CELLS[i - 1] * px_per_day
