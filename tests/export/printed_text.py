"""What a printed card must show, as text to find in a PDF; and the PDF's text, made comparable."""

import html
import re
import unicodedata

import pypdf

from explorer.core.markup import short_title, to_html
from explorer.core.stances import stances_at


def plain(markup: str) -> str:
    """Markdown-ish dataset text as the words a reader sees."""
    return html.unescape(re.sub(r"<[^>]+>", " ", to_html(markup)))


def squash(text: str) -> str:
    """No whitespace, ligatures unfolded: text broken across lines, slots or pages compares equal."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def card_fragments(ds, ev, positions=True, refs=None) -> list[str]:
    """Every piece of text of `ev`'s card: title, summary, notes, mistake, places, relations,
    sources (titles and addresses, or reference numbers) and both sides' stances on its date."""
    d = ev.details()
    out = [short_title(ev.title), ev.date.display(), *d.names.values(), *plain(d.summary).split("\n")]
    out += [x for x in (d.reported, d.notes, d.misconception) if x]
    out += [ds.places[p].name for p in d.places if p in ds.places]
    out += [short_title(ds.event(r.id).title) for r in ev.related if ds.event(r.id)]
    out += [short_title(o.title) for o, _r in ds.incoming(ev.id)]
    for s in d.sources:
        if refs is not None:
            out.append(f"[{refs[(s.title, s.url)]}]")
        else:
            out += [s.title, s.url]
    if positions:
        for st in stances_at(ds, ev.start):
            out.append(st.name)
            if st.position is not None:
                out.append(st.position.stance)
                out += [plain(r) for r in st.position.rationale]
                if st.set_by is not None:
                    out.append(f"set by {short_title(st.set_by.title)}")
            if st.previous is not None:
                out += ["Before that", st.previous.stance]
    return [f for f in (x.strip() for x in out) if f]


def pdf_text(path, title: str) -> str:
    """All the PDF's text in order, squashed, without the running heads a card gets when it
    continues ("… (continued)") and without page footers: what a reader reads across the cut."""
    pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    text = "\n".join(pages)
    # a list item continued in the next slot draws its number again, above that slot's clip
    text = re.sub(r"^(.*\(continued\))[ \t]*\n\d+\.[ \t]*$", r"\1", text, flags=re.MULTILINE)
    # a paragraph of a table cell cut between slots is drawn whole in both, clipped: the line
    # hidden above the cut is in the text layer again, right after the running head
    text = re.sub(r"^(.+)\n.*\(continued\)[ \t]*\n\1$", r"\1", text, flags=re.MULTILINE)
    text = re.sub(r"^.*\(continued\)\s*$", "", text, flags=re.MULTILINE)
    footer = r"\s+".join(re.escape(w) for w in title.split())
    text = re.sub(footer + r"(\s+—\s+class\s+handout)?\s*Page\s+\d+", "", text)
    return squash(text)


def missing(fragments: list[str], text: str) -> list[str]:
    return [f for f in fragments if squash(f) not in text]
