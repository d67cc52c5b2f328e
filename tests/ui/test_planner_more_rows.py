"""The planner shares the plot's rows out among lanes, then offers a lane that still has badges one
more row while rows are spare. Recorded from the frame bench (100,000 events, 14 days of 1990:
tests/fixtures/stacking/record_crowded.py): with one more row a crowded lane can fold *more* into
badges (all 43 marks of one lane in a single badge, 11 of the plot's 15 rows left empty). Such a
retry is not kept: a lane ends showing at least as many marks on their own as its first share gave."""

import gzip
import pickle
from pathlib import Path

import numpy as np
from PySide6.QtGui import QFont

from explorer.core.lane_rows import allocate
from explorer.core.stacking import stack
from explorer.ui.timeline.planner import Planner, _shows

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stacking" / "crowded_frames.pkl.gz"


def _planner() -> Planner:
    font = QFont()
    font.setPointSizeF(9)
    badge = QFont(font)
    badge.setPointSizeF(8.5)
    return Planner(font, badge)


def test_a_lane_never_shows_less_after_being_offered_a_row(qtbot):
    frames = pickle.loads(gzip.decompress(FIXTURE.read_bytes()))
    assert [f["frame"] for f in frames] == [47, 50, 53]
    planner = _planner()
    for f in frames:
        full, n = f["full"], max(f["full"]) + 1
        items = [f["items"].get(j) for j in range(n)]
        first = [f["first_stack"].get(j) for j in range(n)]
        stacks = planner._stack_lanes(items, first, full, f["demands"], f["labelled"], f["total"], f["cell"], f["w"])
        assert sum(st.rows for st in stacks.values()) <= f["total"]
        # what each lane's first share of the rows shows
        selected = [int(items[j]["prio"].max() >= 3) for j in full]
        shares = allocate([f["demands"][j] for j in full], f["total"], [f["labelled"][j] for j in full],
                          [2 if s else 1 for s in selected])
        for j, rows in zip(full, shares):
            it = items[j]
            base = first[j]
            if not (rows >= base.rows and not (base.row[it["prio"] > 0] < 0).any()):
                base = stack(it["left"], it["right"], it["lx"], it["lw"], it["prio"], it["day"], rows,
                             right_edge=f["w"] - 2, left_edge=2, badge_width=planner.badge_width, first_level=f["cell"])
            assert _shows(stacks[j]) >= _shows(base), (f["frame"], j, _shows(stacks[j]), _shows(base))
        if f["frame"] == 50:  # the lane of 43 marks: not one badge for all of them
            lane = max(full, key=lambda j: len(items[j]["left"]))
            assert len(items[lane]["left"]) == 43
            assert int(np.count_nonzero(stacks[lane].row >= 0)) >= 3
            assert len(stacks[lane].clusters) >= 2
