"""A card's text as HTML (Qt-free): `render.event_html` on paper, then both sides' stances on its date.

The stances say what the positions panel says: the stance in force, "since …, set
by …", its reasons, and "Before that (until …)" with the stance it replaced.
"""

from __future__ import annotations

from ..core.dates import display_day
from ..core.markup import short_title, to_html
from ..core.model import Dataset, Event
from ..core.stances import StanceAt, stances_at
from ..render.event_html import Look, event_html
from ..render.html import INK, esc

MUTED = "#4d5461"
RULE = "#9aa0a8"


def _inline(text: str) -> str:
    return to_html(text).removeprefix("<p>").removesuffix("</p>")


def stance_cell(ds: Dataset, s: StanceAt, look: Look, width: int) -> str:
    party = ds.parties[s.party]
    head = f"<b style='color:{party.color}; font-size:{look.pt(10)}'>{esc(s.name)}</b>"
    pos = s.position
    if pos is None:
        body = f"<br><i style='color:{MUTED}'>No recorded stance at this date.</i>"
    else:
        set_by = f", set by <i>{esc(short_title(s.set_by.title))}</i>" if s.set_by else ""
        points = "".join(f"<li>{_inline(r)}</li>" for r in pos.rationale)
        reasons = (f"<ul style='margin-top:{look.pt(2)}; margin-bottom:0; margin-left:0'>{points}</ul>"
                   if points else "")
        before = ""
        if s.previous is not None:
            until = display_day(s.previous_until) if s.previous_until is not None else pos.since.display()
            before = (f"<p style='margin-top:{look.pt(4)}; margin-bottom:0; color:{MUTED}'>"
                      f"Before that (until {esc(until)}): {esc(s.previous.stance)}</p>")
        body = (f"<br><span style='color:{MUTED}; font-size:{look.pt(8)}'>since {esc(pos.since.display())}{set_by}</span>"
                f"<p style='margin-top:{look.pt(3)}; margin-bottom:0'><b>{esc(pos.stance)}</b></p>{reasons}{before}")
    return f"<td width='{width}%' valign='top'>{head}{body}</td>"


def positions_html(ds: Dataset, day: float, look: Look, stacked: bool = False) -> str:
    """"Positions on this date": a padded, single-ruled table, one column per side (`stacked`:
    one row per side, for a narrow card)."""
    stances = stances_at(ds, day)
    if not stances:
        return ""
    return positions_heading(look) + positions_table(ds, stances, look, stacked)


def positions_heading(look: Look) -> str:
    return (f"<p style='margin:{look.pt(8)} 0 {look.pt(3)} 0; color:{MUTED}; font-size:{look.pt(8.5)}'>"
            f"<b>POSITIONS ON THIS DATE</b></p>")


def positions_table(ds: Dataset, stances: list[StanceAt], look: Look, stacked: bool = False) -> str:
    """The table of `positions_html` alone (the cards lay it out once per distinct table: export.cards)."""
    if stacked:
        cells = "</tr><tr>".join(stance_cell(ds, s, look, 100) for s in stances)
    else:
        cells = "".join(stance_cell(ds, s, look, 100 // len(stances)) for s in stances)
    pad = max(3, round(6 * look.scale))
    return (f"<table width='100%' border='1' cellspacing='0' cellpadding='{pad}' style='border-collapse:collapse;"
            f" border-style:solid; border-color:{RULE}; font-size:{look.pt(9)}'><tr>{cells}</tr></table>")


def body_style(look: Look) -> str:
    """The style of the card's outer block (the text's size and colour)."""
    return f"font-size:{look.pt(10)}; color:{INK}"


def lead_html(text: str, label: str, look: Look) -> str:
    """A handout's story step above the card: its number and the story's words for it."""
    return (f"<p style='margin:0 0 {look.pt(2)} 0; color:{MUTED}; font-size:{look.pt(8.5)}'><b>{esc(label)}</b></p>"
            f"<div style='font-size:{look.pt(11)}; color:{INK}'>{to_html(text)}</div><hr>")


def card_html(ds: Dataset, ev: Event, positions: bool, scale: float, lead: str = "", refs: dict | None = None,
              narrow: bool = False, side_box: tuple[float, float] | None = None, table: bool = True) -> str:
    """The card body (`render.event_html` on paper) and both sides' stances on its date;
    `scale`: the type size factor; `lead`: HTML above it; `refs`: sources cited by number;
    `narrow`: the sides' stances one under the other; `side_box`: (width, height) in pixels of an
    empty box at the top right that the text flows around (the page draws a map in it);
    `table=False`: the positions' heading without their table (the caller has one and adds it)."""
    look = Look(paper=True, scale=scale, source_refs=refs)
    box = ""
    if side_box is not None:
        w, h = (max(1, round(v)) for v in side_box)
        box = (f"<table style='float: right; margin-left: {round(3 * w / 38)}px' width='{w}' height='{h}' "
               f"cellspacing='0' cellpadding='0' border='0'><tr><td width='{w}' height='{h}'></td></tr></table>")
    parts = [f"<div style='{body_style(look)}'>", box, lead, event_html(ds, ev, look)]
    if positions and ds.side_ids:
        parts.append(positions_html(ds, ev.start, look, narrow) if table else positions_heading(look))
    parts.append("</div>")
    return "".join(parts)
