"""What an import produces, and how it becomes an Explorer dataset folder.

Importers fill an `Imported` with plain dicts shaped like the TOML tables of
docs/dataset-format.md and count what they could not map, per field. Text from
the source is untrusted: HTML is turned into the safe Markdown subset
(`html_to_markdown`), ids are made valid and unique, colours checked.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .toml_out import dumps_tables


class ImportError_(Exception):  # noqa: N801 - not the builtin ImportError
    """The source cannot be read; `problems` are `file:line:col: message` lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Imported:
    source: str
    title: str = ""
    description: str = ""
    categories: list[dict] = field(default_factory=list)
    parties: list[dict] = field(default_factory=list)
    eras: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    unmapped: Counter = field(default_factory=Counter)  # "field: reason" -> count
    notes: list[str] = field(default_factory=list)
    given_ids: set[str] = field(default_factory=set)  # ids the source chose (TimelineJS unique_id): never renamed

    def skip(self, what: str, count: int = 1) -> None:
        self.unmapped[what] += count


MAX_SOURCE_BYTES = 256 * 2**20


def read_source(path: Path) -> bytes:
    """The bytes of a file to import; ImportError_ with the reason if it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise ImportError_([f"{path}: file is too large ({size // 2**20} MiB; the limit is 256 MiB)"])
        return path.read_bytes()
    except OSError as e:
        raise ImportError_([f"{path}: cannot read: {e.strerror or e}"]) from None


def decode_source(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ImportError_([f"{path}:{line}:1: not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})"]) from None


# -- ids -----------------------------------------------------------------------------
def slug(text: str, fallback: str = "item") -> str:
    """A valid Explorer id from any text: ASCII letters, digits and dashes."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:60].strip("-")
    return t or fallback


class IdMaker:
    """Stable, unique ids: the same input text gives the same id every time."""

    def __init__(self):
        self.used: set[str] = set()

    def make(self, wanted: str, fallback: str) -> str:
        base = slug(wanted, fallback)
        out, n = base, 2
        while out in self.used:
            out, n = f"{base}-{n}", n + 1
        self.used.add(out)
        return out


# -- text --------------------------------------------------------------------------------
class _ToMarkdown(HTMLParser):
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
    DROP = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str | None] = []
        self.drop = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            self.drop += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in self.BLOCK:
            self.out.append("\n\n")
            if tag == "li":
                self.out.append("- ")
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag in ("i", "em"):
            self.out.append("*")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            web = href.lower().startswith(("http://", "https://")) and not re.search(r"\s", href)
            ok = web and not re.search(r"[()<>\[\]]", href)  # what a Markdown link can hold unchanged
            self.href.append(href if ok else f" <{href}>" if web else None)
            if ok:
                self.out.append("[")

    def handle_endtag(self, tag):
        if tag in self.DROP:
            self.drop = max(0, self.drop - 1)
        elif tag in ("b", "strong", "i", "em"):
            mark = "**" if tag in ("b", "strong") else "*"
            if self.out and self.out[-1] == mark:  # empty emphasis: drop it
                self.out.pop()
            else:
                self.out.append(mark)
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(" <"):  # kept as text, never re-encoded
                self.out.append(href)
            elif href:
                self.out.append(f"]({href})")
        elif tag in self.BLOCK:
            self.out.append("\n\n")

    def handle_data(self, data):
        if not self.drop:
            self.out.append(re.sub(r"\s+", " ", data))


def html_to_markdown(text: str) -> str:
    """HTML from another tool → Explorer's Markdown subset (links only http/https)."""
    if not text:
        return ""
    if "<" not in text and "&" not in text:
        return re.sub(r"[ \t]+", " ", text).strip()
    p = _ToMarkdown()
    p.feed(text)
    p.close()
    md = "".join(p.out)
    md = re.sub(r"[ \t]*\n[ \t]*", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    return md.strip()


def plain_to_markdown(text: str) -> str:
    """Plain text (no HTML meaning) → the Markdown subset: `<…>` stays text (it is escaped
    when shown), and every line break becomes a paragraph break, since a single newline
    would be joined into one paragraph."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\n\n".join(line for line in lines if line)


def plain_text(text: str) -> str:
    """Markdown or HTML reduced to words, for comparisons and headlines."""
    t = html_to_markdown(text)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = t.replace("**", "").replace("*", "")
    t = re.sub(r"^- ", "", t, flags=re.M)
    return " ".join(html.unescape(t).split())


def color_from(value: str) -> str | None:
    """'#abc', '#aabbcc', 'r,g,b' or 'rgb(r,g,b)' → '#rrggbb'; None if not a colour."""
    v = (value or "").strip().lower()
    if re.fullmatch(r"#[0-9a-f]{6}", v):
        return v
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        return "#" + "".join(c * 2 for c in v[1:])
    m = re.fullmatch(r"(?:rgb\()?\s*([0-9]{1,3})\s*,\s*([0-9]{1,3})\s*,\s*([0-9]{1,3})\s*\)?", v)
    if m and all(int(x) <= 255 for x in m.groups()):
        return "#" + "".join(f"{int(x):02x}" for x in m.groups())
    return None


UNGROUPED = "ungrouped"  # the category of events the source gave no group/category; exported without one
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
           "#ff7f0e"]
ERA_PALETTE = ["#f2e8d5", "#e2ecf7", "#e6f4e1", "#fde2e2", "#efe6f5", "#f7f3d9"]


def source_from_url(url: str, title: str = "", publisher: str = "") -> dict | None:
    from ..core.markup import url_problem

    url = (url or "").strip()
    if url_problem(url):  # what the dataset checker would refuse is not kept as a source
        return None
    host = re.sub(r"^https?://(www\.)?", "", url, flags=re.I).split("/")[0]
    src = {"title": plain_text(title) or host or url, "url": url}
    if publisher and plain_text(publisher):
        src["publisher"] = plain_text(publisher)
    return src


# -- after reading ---------------------------------------------------------------------------
def finish_import(imp: Imported, path) -> Imported:
    """Refuse an import that kept no event; keep the source's order of events on the same dates."""
    if not imp.events:
        why = [f"  {what} ({n})" for what, n in imp.unmapped.most_common(8)]
        raise ImportError_([f"{path}:1:1: nothing to import: no event in the file could be read, "
                            "so no dataset was written" + (". Why:" if why else "")] + why)
    keep_source_order(imp)
    return imp


def keep_source_order(imp: Imported) -> None:
    """Explorer sorts events by (start, end, id). Where events with the same dates would
    come out in another order than in the source, their ids get a number in front
    (`1-…`, `2-…`) so the source's order holds; ids the source chose are left alone."""
    from ..core.dates import parse_when

    groups: dict[tuple, list[dict]] = {}
    for ev in imp.events:
        w = parse_when(ev["date"])
        groups.setdefault((w.start, w.end), []).append(ev)
    used = {ev["id"] for ev in imp.events}
    renamed: dict[str, str] = {}
    stuck = 0
    for evs in groups.values():
        ids = [ev["id"] for ev in evs]
        if len(evs) < 2 or ids == sorted(ids):
            continue
        if any(i in imp.given_ids for i in ids):
            stuck += len(evs)
            continue
        width = len(str(len(evs)))
        for n, ev in enumerate(evs, 1):
            new = base = f"{n:0{width}d}-{ev['id']}"
            k = 2
            while new in used:
                new, k = f"{base}-{k}", k + 1
            used.add(new)
            renamed[ev["id"]] = ev["id"] = new
    for ev in imp.events:
        for r in ev.get("related", []):
            r["id"] = renamed.get(r["id"], r["id"])
    if renamed:
        imp.notes.append(f"{len(renamed)} events share their dates with others: their ids got a number in front "
                         "(1-, 2-…) so that Explorer shows them in the order of the file")
    if stuck:
        imp.notes.append(f"{stuck} events share their dates with others and keep the ids of the file, so Explorer "
                         "shows them in the order of those ids, which differs from the file's")


# -- writing ---------------------------------------------------------------------------------
def dataset_tables(imp: Imported) -> dict:
    title = imp.title or Path(imp.source).stem
    meta = {"id": slug(title, "imported"), "title": title,
            "description": imp.description or f"Imported from {Path(imp.source).name}.", "language": "en"}
    return {"schema": 1, "dataset": meta, "party": imp.parties, "category": imp.categories, "era": imp.eras}


def write_dataset(imp: Imported, out: str | os.PathLike) -> Path:
    """Write `dataset.toml` and `events.toml` into the folder `out` (atomically: all or nothing)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ImportError_([f"{out}: the output folder exists and is not empty; choose a new folder"])
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise ImportError_([f"{out}: folder {parent} does not exist"])
    name = "".join(ch if ch.isprintable() else "\ufffd" for ch in Path(imp.source).name)  # one comment line
    head = (f"# Imported by Explorer from {name}.\n"
            "# The format is described in docs/dataset-format.md.\n")
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    try:
        (tmp / "dataset.toml").write_text(head + dumps_tables(dataset_tables(imp)), encoding="utf-8")
        (tmp / "events.toml").write_text(dumps_tables({"event": imp.events}), encoding="utf-8")
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # a temporary folder is 0700; the dataset gets the user's usual mode
        for f in tmp.iterdir():
            os.chmod(f, 0o666 & ~mask)
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
