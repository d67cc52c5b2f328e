"""Each side's stance as HTML: at the cursor, compared between two dates, and its whole history (Qt-free)."""

from __future__ import annotations

from ..core.dates import display_day
from ..core.markup import short_title, to_html
from ..core.model import Dataset
from ..core.stances import Comparison, StanceAt
from .html import esc, event_link, source_item
from .palette import LIGHT, Theme, readable_on


def _inline(text: str) -> str:
    return to_html(text).removeprefix("<p>").removesuffix("</p>")


def header(ds: Dataset, s: StanceAt, highlight: bool, theme: Theme) -> str:
    color = ds.parties[s.party].color
    note = (f"<span style='font-size:small'> — changed here</span>" if highlight else "")
    return (f"<table width='100%' cellpadding='5' cellspacing='0' style='background-color:{color};"
            f" color:{readable_on(color)}'><tr><td><b style='font-size:large'>{esc(s.name)}</b>{note}</td></tr></table>")


def stance_html(ds: Dataset, s: StanceAt, theme: Theme = LIGHT, highlight: bool = False, links: bool = True) -> str:
    """The stance in force, since when and set by what, its reasons, and the stance before it.

    `highlight` tints the stance (the cursor just crossed a change) without moving anything."""
    muted = theme.muted
    parts = [header(ds, s, highlight, theme)]
    pos = s.position
    if pos is None:
        parts.append(f"<p style='color:{muted}'>No recorded stance at this date.</p>")
        return "".join(parts)
    ev = s.set_by
    set_by = ""
    if ev is not None:
        set_by = f", set by {event_link(ev.id, short_title(ev.title)) if links else esc(short_title(ev.title))}"
    parts.append(f"<p style='margin:4px 0 2px 0; color:{muted}'>since {esc(pos.since.display())}{set_by}</p>")
    bg = f" style='background-color:{theme.banner_bg}; color:{theme.banner_text}'" if highlight else ""
    parts.append(f"<table width='100%' cellpadding='3' cellspacing='0'><tr><td{bg}>"
                 f"<b>{esc(pos.stance)}</b></td></tr></table>")
    if pos.rationale:
        parts.append("<p style='margin:4px 0 0 0'><i>Why, in its own terms:</i></p><ul style='margin-top:0'>"
                     + "".join(f"<li>{_inline(r)}</li>" for r in pos.rationale) + "</ul>")
    if pos.notes:
        parts.append(f"<p style='color:{muted}'><i>Note:</i> {esc(pos.notes)}</p>")
    if s.previous is not None:
        until = display_day(s.previous_until) if s.previous_until is not None else pos.since.display()
        parts.append(f"<p style='color:{muted}; margin-bottom:0'>Before that (until {esc(until)}):</p>"
                     f"<p style='margin-top:0'>{esc(s.previous.stance)}</p>")
    else:
        parts.append(f"<p style='color:{muted}'>No stance recorded before this one.</p>")
    if pos.sources:
        parts.append(f"<p style='margin-bottom:0; color:{muted}'><i>Sources:</i></p><ol style='margin-top:0'>"
                     + "".join(source_item(x, muted) for x in pos.sources) + "</ol>")
    return "".join(parts)


def compare_html(ds: Dataset, c: Comparison, theme: Theme = LIGHT) -> str:
    """One side's stance at two dates, side by side, and what changed between them."""
    muted = theme.muted

    def cell(s: StanceAt, day_label: str) -> str:
        pos = s.position
        body = esc(pos.stance) if pos else f"<span style='color:{muted}'>No recorded stance.</span>"
        since = f"<br><span style='color:{muted}'>since {esc(pos.since.display())}</span>" if pos else ""
        return f"<td width='50%' valign='top'><b>{esc(day_label)}</b><br>{body}{since}</td>"

    parts = [header(ds, c.second, False, theme),
             "<table width='100%' cellpadding='4' cellspacing='0'><tr>"
             + cell(c.first, f"On {display_day(c.first_day)}") + cell(c.second, f"On {display_day(c.second_day)}") + "</tr></table>"]
    if c.same:
        parts.append(f"<p style='color:{muted}'>No change between these dates.</p>")
    else:
        if c.changes:
            items = []
            for p in c.changes:
                ev = ds.event(p.event) if p.event else None
                by = f" — {event_link(ev.id, short_title(ev.title))}" if ev else ""
                items.append(f"<li>{esc(p.since.display())}: {esc(p.stance)}{by}</li>")
            parts.append("<p style='margin-bottom:0'><i>Changes in between:</i></p><ul style='margin-top:0'>"
                         + "".join(items) + "</ul>")
        if c.reasons_added:
            parts.append("<p style='margin-bottom:0'><i>Reasons added:</i></p><ul style='margin-top:0'>"
                         + "".join(f"<li>{_inline(r)}</li>" for r in c.reasons_added) + "</ul>")
        if c.reasons_dropped:
            parts.append("<p style='margin-bottom:0'><i>Reasons dropped:</i></p><ul style='margin-top:0'>"
                         + "".join(f"<li>{_inline(r)}</li>" for r in c.reasons_dropped) + "</ul>")
    return "".join(parts)


def history_html(ds: Dataset, party: str, day: float, theme: Theme = LIGHT) -> str:
    """Every stance of one side in time order; the one in force at `day` highlighted; dates are links."""
    in_force = ds.position_at(party, day)
    color = ds.parties[party].color
    rows = [f"<h3 style='margin-bottom:2px'><span style='color:{color}'>■</span> {esc(ds.parties[party].name)}</h3>"]
    for p in ds.stances_of(party):
        style = (f" style='background-color:{theme.banner_bg}; color:{theme.banner_text}'" if p is in_force else "")
        now = " <b>(in force at the cursor)</b>" if p is in_force else ""
        until = f" – {esc(p.until.display())}" if p.until else ""
        rows.append(f"<table width='100%' cellpadding='3' cellspacing='0'><tr><td{style}>"
                    f"<a href='day:{p.since.start}'>{esc(p.since.display())}</a>{until}{now}<br>"
                    f"{esc(p.stance)}</td></tr></table>")
    return "".join(rows)
