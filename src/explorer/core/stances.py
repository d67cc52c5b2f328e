"""Each side's stance at a date, told from history, and what changed between two dates.

The positions panel, the PDF cards and `explorer positions` all read these, so
they say the same thing: the stance in force, since when and set by which
event, and the stance that preceded it in history (not the one shown a moment
ago on screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Dataset, Event, Position


@dataclass(frozen=True)
class StanceAt:
    party: str
    name: str  # the party's name on that date (Soviet Union, Russian Federation…)
    position: Position | None
    set_by: Event | None  # the event that set the stance in force
    previous: Position | None  # the stance in force just before it began
    previous_until: int | None  # day the previous stance ended (= the current one's since)


def stance_at(ds: Dataset, party: str, day: float) -> StanceAt:
    pos = ds.position_at(party, day)
    previous = until = None
    if pos is not None:
        previous = ds.position_at(party, pos.since.start - 1)
        if previous is not None:
            until = previous.until.start if previous.until is not None else pos.since.start
    set_by = ds.event(pos.event) if pos is not None and pos.event else None
    return StanceAt(party, ds.parties[party].name_at(day) if party in ds.parties else party, pos, set_by,
                    previous, until)


def stances_at(ds: Dataset, day: float) -> list[StanceAt]:
    return [stance_at(ds, pid, day) for pid in ds.side_ids if pid in ds.parties]


def changed_at(ds: Dataset, party: str, day: float) -> bool:
    """True when a stance of `party` begins on `day` (the day a stance changes)."""
    pos = ds.position_at(party, day)
    return pos is not None and pos.since.start <= day < pos.since.end


@dataclass(frozen=True)
class Comparison:
    party: str
    first: StanceAt  # at the earlier date
    second: StanceAt  # at the later date
    first_day: float
    second_day: float
    same: bool
    reasons_added: list[str] = field(default_factory=list)
    reasons_dropped: list[str] = field(default_factory=list)
    changes: list[Position] = field(default_factory=list)  # stances begun after the first date, up to the second


def compare(ds: Dataset, party: str, day_a: float, day_b: float) -> Comparison:
    """What changed in `party`'s stance between two dates (in either order)."""
    lo, hi = sorted((day_a, day_b))
    first, second = stance_at(ds, party, lo), stance_at(ds, party, hi)
    a, b = first.position, second.position
    reasons_a = list(a.rationale) if a else []
    reasons_b = list(b.rationale) if b else []
    changes = [p for p in ds.stances_of(party) if lo < p.since.start <= hi]
    return Comparison(party, first, second, lo, hi, a is b,
                      [r for r in reasons_b if r not in reasons_a], [r for r in reasons_a if r not in reasons_b],
                      changes)


def stance_json(ds: Dataset, s: StanceAt) -> dict:
    pos, prev = s.position, s.previous
    out = {"party": s.party, "name": s.name}
    if pos is None:
        out.update(stance=None, rationale=[], notes=None, since=None, until=None, event=None, sources=[],
                   previous=None)
        return out
    out.update(stance=pos.stance, rationale=list(pos.rationale), notes=pos.notes or None, since=pos.since.edtf(),
               until=pos.until.edtf() if pos.until else None, event=pos.event or None,
               event_title=s.set_by.title if s.set_by else None,
               sources=[{k: v for k, v in s_._asdict().items() if v} for s_ in pos.sources])
    out["previous"] = None if prev is None else {"stance": prev.stance, "since": prev.since.edtf(),
                                                 "until_day": s.previous_until}
    return out


def comparison_json(ds: Dataset, c: Comparison) -> dict:
    return {"party": c.party, "first": stance_json(ds, c.first), "second": stance_json(ds, c.second),
            "same": c.same, "reasons_added": c.reasons_added, "reasons_dropped": c.reasons_dropped,
            "changes": [{"since": p.since.edtf(), "stance": p.stance, "event": p.event or None} for p in c.changes]}
